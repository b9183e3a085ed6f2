//! The mails the shop writes: one layout for every kind, in HTML and plain text, with the
//! words from the Fluent files in the reader's language (Arabic right to left).
//!
//! Each kind gives only its content — a subject, a heading, an opening paragraph, a few
//! facts (order number, total, tracking number), one link with its button label and an
//! optional closing note — as Fluent keys `mail-{kind}-subject`, `-heading`, `-intro`,
//! `-action`, `-note`. [`Letter::compose`] pours that into the one layout twice: as text
//! and as HTML, where every piece of text (translations included, since they carry names
//! and numbers) is escaped.

use dokkan_core::{html::escape, Locale};
use dokkan_i18n::{t, t_args, Arg};

use crate::OutgoingMail;

/// One mail with what it needs to say. The strings are already formatted for the reader
/// (a total as `Money::format(locale)` gives it); links are absolute URLs.
#[derive(Clone, PartialEq, Eq)]
pub enum Letter<'a> {
    /// After registering: confirm the address.
    VerifyEmail { name: &'a str, link: &'a str },
    /// The one-time link to choose a new password.
    PasswordReset { name: &'a str, link: &'a str },
    /// The order was placed (cash on delivery) or paid (card).
    OrderPlaced {
        name: Option<&'a str>,
        number: &'a str,
        total: &'a str,
        link: &'a str,
    },
    /// Handed to the courier, with the tracking number when staff gave one.
    OrderShipped {
        name: Option<&'a str>,
        number: &'a str,
        tracking: Option<&'a str>,
        link: &'a str,
    },
    OrderDelivered {
        name: Option<&'a str>,
        number: &'a str,
        link: &'a str,
    },
    /// Cancelled; `refund` is the amount given back when it had been paid.
    OrderCancelled {
        name: Option<&'a str>,
        number: &'a str,
        refund: Option<&'a str>,
        link: &'a str,
    },
    /// Money given back (all that was left, or part of it).
    OrderRefunded {
        name: Option<&'a str>,
        number: &'a str,
        amount: &'a str,
        link: &'a str,
    },
}

/// What one kind puts into the layout.
struct Content {
    name: Option<String>,
    args: Vec<(&'static str, Arg)>,
    facts: Vec<(&'static str, String)>,
    link: String,
    /// Extra paragraphs by key, after the opening one.
    extra: Vec<&'static str>,
}

impl Letter<'_> {
    /// The outbox kind, also the Fluent prefix `mail-{kind}-…`.
    pub fn kind(&self) -> &'static str {
        match self {
            Letter::VerifyEmail { .. } => "verify-email",
            Letter::PasswordReset { .. } => "password-reset",
            Letter::OrderPlaced { .. } => "order-confirmation",
            Letter::OrderShipped { .. } => "order-shipped",
            Letter::OrderDelivered { .. } => "order-delivered",
            Letter::OrderCancelled { .. } => "order-cancelled",
            Letter::OrderRefunded { .. } => "order-refunded",
        }
    }

    fn content(&self) -> Content {
        let order = |name: &Option<&str>, number: &str, link: &str| Content {
            name: name.map(str::to_string),
            args: vec![("number", number.into())],
            facts: vec![("mail-fact-order", number.to_string())],
            link: link.to_string(),
            extra: Vec::new(),
        };
        match self {
            Letter::VerifyEmail { name, link } | Letter::PasswordReset { name, link } => Content {
                name: Some(name.to_string()),
                args: Vec::new(),
                facts: Vec::new(),
                link: link.to_string(),
                extra: Vec::new(),
            },
            Letter::OrderPlaced {
                name,
                number,
                total,
                link,
            } => {
                let mut c = order(name, number, link);
                c.args.push(("total", (*total).into()));
                c.facts.push(("mail-fact-total", total.to_string()));
                c
            }
            Letter::OrderShipped {
                name,
                number,
                tracking,
                link,
            } => {
                let mut c = order(name, number, link);
                if let Some(tracking) = tracking {
                    c.facts.push(("mail-fact-tracking", tracking.to_string()));
                    c.extra.push("mail-order-shipped-tracking");
                }
                c
            }
            Letter::OrderDelivered { name, number, link } => order(name, number, link),
            Letter::OrderCancelled {
                name,
                number,
                refund,
                link,
            } => {
                let mut c = order(name, number, link);
                if let Some(refund) = refund {
                    c.args.push(("amount", (*refund).into()));
                    c.facts.push(("mail-fact-refund", refund.to_string()));
                    c.extra.push("mail-order-cancelled-refund");
                }
                c
            }
            Letter::OrderRefunded {
                name,
                number,
                amount,
                link,
            } => {
                let mut c = order(name, number, link);
                c.args.push(("amount", (*amount).into()));
                c.facts.push(("mail-fact-refund", amount.to_string()));
                c
            }
        }
    }

    /// The mail to `to` in `locale`: subject, plain text and HTML from one layout.
    pub fn compose(&self, locale: Locale, to: &str) -> OutgoingMail {
        let kind = self.kind();
        let content = self.content();
        let say = |key: &str| t_args(locale, key, &content.args);
        let greeting = match &content.name {
            Some(name) if !name.trim().is_empty() => {
                t_args(locale, "mail-greeting", &[("name", name.as_str().into())])
            }
            _ => t(locale, "mail-greeting-anonymous"),
        };
        let mut paragraphs = vec![say(&format!("mail-{kind}-intro"))];
        paragraphs.extend(content.extra.iter().map(|key| say(key)));
        let facts: Vec<(String, String)> = content
            .facts
            .iter()
            .map(|(key, value)| (t(locale, key), value.clone()))
            .collect();
        let page = Page {
            locale,
            subject: say(&format!("mail-{kind}-subject")),
            heading: say(&format!("mail-{kind}-heading")),
            greeting,
            paragraphs,
            facts,
            action: say(&format!("mail-{kind}-action")),
            link: content.link,
            note: say(&format!("mail-{kind}-note")),
        };
        OutgoingMail {
            kind: kind.to_string(),
            to: to.to_string(),
            subject: page.subject.clone(),
            text: page.text(),
            html: Some(page.html()),
        }
    }
}

/// Everything one mail shows, translated; the layout is written once, below.
struct Page {
    locale: Locale,
    subject: String,
    heading: String,
    greeting: String,
    paragraphs: Vec<String>,
    facts: Vec<(String, String)>,
    action: String,
    link: String,
    /// May be empty.
    note: String,
}

/// The shop's colours (style/main.css): ink, muted text, accent, surface.
const INK: &str = "#1f2328";
const MUTED: &str = "#57606a";
const ACCENT: &str = "#0b6e4f";
const SURFACE: &str = "#f6f7f9";

impl Page {
    fn text(&self) -> String {
        let mut out = String::new();
        out.push_str(&self.heading);
        out.push_str("\n\n");
        out.push_str(&self.greeting);
        out.push_str("\n\n");
        for paragraph in &self.paragraphs {
            out.push_str(paragraph);
            out.push_str("\n\n");
        }
        for (label, value) in &self.facts {
            out.push_str(&format!("{label}: {value}\n"));
        }
        if !self.facts.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{}:\n{}\n\n", self.action, self.link));
        if !self.note.trim().is_empty() {
            out.push_str(&self.note);
            out.push_str("\n\n");
        }
        out.push_str(&t(self.locale, "mail-signature"));
        out.push_str("\n\n-- \n");
        out.push_str(&t(self.locale, "mail-footer"));
        out.push('\n');
        out
    }

    fn html(&self) -> String {
        let locale = self.locale;
        let dir = locale.dir().as_str();
        // Mail clients ignore logical CSS properties: name the side for the direction.
        let start = if dir == "rtl" { "right" } else { "left" };
        let font = match locale {
            Locale::Ar => "Tahoma,'Segoe UI',Arial,sans-serif",
            Locale::En => "-apple-system,'Segoe UI',Roboto,Arial,sans-serif",
        };
        let paragraphs: String = self
            .paragraphs
            .iter()
            .map(|p| {
                format!(
                    "<p style=\"margin:0 0 16px;line-height:1.6\">{}</p>\n",
                    escape(p)
                )
            })
            .collect();
        let facts = if self.facts.is_empty() {
            String::new()
        } else {
            let rows: String = self
                .facts
                .iter()
                .map(|(label, value)| {
                    format!(
                        "<tr><th scope=\"row\" style=\"text-align:{start};padding:6px 0;color:{MUTED};font-weight:normal\">{}</th>\
                         <td style=\"text-align:{start};padding:6px 12px;font-weight:bold\"><bdi>{}</bdi></td></tr>\n",
                        escape(label),
                        escape(value)
                    )
                })
                .collect();
            format!(
                "<table role=\"presentation\" dir=\"{dir}\" style=\"margin:0 0 20px;border-collapse:collapse\">\n{rows}</table>\n"
            )
        };
        let note = if self.note.trim().is_empty() {
            String::new()
        } else {
            format!(
                "<p style=\"margin:0 0 16px;line-height:1.6;color:{MUTED};font-size:14px\">{}</p>\n",
                escape(&self.note)
            )
        };
        let link = escape(&self.link);
        format!(
            "<!DOCTYPE html>\n\
<html lang=\"{lang}\" dir=\"{dir}\">\n\
<head>\n\
<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{subject}</title>\n\
</head>\n\
<body dir=\"{dir}\" style=\"margin:0;padding:0;background:{SURFACE};color:{INK};font-family:{font};font-size:16px\">\n\
<table role=\"presentation\" width=\"100%\" dir=\"{dir}\" style=\"border-collapse:collapse;background:{SURFACE}\"><tr><td align=\"center\" style=\"padding:24px 12px\">\n\
<table role=\"presentation\" width=\"100%\" dir=\"{dir}\" style=\"max-width:560px;border-collapse:collapse;background:#ffffff;border-radius:8px;text-align:{start}\">\n\
<tr><td style=\"padding:20px 24px;border-bottom:3px solid {ACCENT};font-size:22px;font-weight:bold;color:{ACCENT}\">{brand}</td></tr>\n\
<tr><td style=\"padding:24px\">\n\
<h1 style=\"margin:0 0 16px;font-size:22px;line-height:1.3\">{heading}</h1>\n\
<p style=\"margin:0 0 16px;line-height:1.6\">{greeting}</p>\n\
{paragraphs}{facts}\
<p style=\"margin:0 0 20px\"><a href=\"{link}\" style=\"display:inline-block;padding:12px 20px;background:{ACCENT};color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold\">{action}</a></p>\n\
<p style=\"margin:0 0 16px;line-height:1.6;color:{MUTED};font-size:14px\">{hint}<br><a href=\"{link}\" dir=\"ltr\" style=\"color:{ACCENT};word-break:break-all\">{link}</a></p>\n\
{note}\
<p style=\"margin:0;line-height:1.6\">{signature}</p>\n\
</td></tr>\n\
<tr><td style=\"padding:16px 24px;border-top:1px solid #d0d7de;color:{MUTED};font-size:12px;line-height:1.5\">{footer}</td></tr>\n\
</table>\n\
</td></tr></table>\n\
</body>\n\
</html>\n",
            lang = locale.as_str(),
            subject = escape(&self.subject),
            brand = escape(&t(locale, "mail-brand")),
            heading = escape(&self.heading),
            greeting = escape(&self.greeting),
            action = escape(&self.action),
            hint = escape(&t(locale, "mail-link-hint")),
            signature = escape(&t(locale, "mail-signature")),
            footer = escape(&t(locale, "mail-footer")),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://shop.example/ar/orders/DK-12345678?key=abc&x=1";

    fn all() -> Vec<Letter<'static>> {
        vec![
            Letter::VerifyEmail {
                name: "Mona",
                link: LINK,
            },
            Letter::PasswordReset {
                name: "Mona",
                link: LINK,
            },
            Letter::OrderPlaced {
                name: Some("Mona"),
                number: "DK-12345678",
                total: "EGP 1,250.00",
                link: LINK,
            },
            Letter::OrderShipped {
                name: Some("Mona"),
                number: "DK-12345678",
                tracking: Some("EG123456789"),
                link: LINK,
            },
            Letter::OrderDelivered {
                name: None,
                number: "DK-12345678",
                link: LINK,
            },
            Letter::OrderCancelled {
                name: None,
                number: "DK-12345678",
                refund: Some("EGP 10.00"),
                link: LINK,
            },
            Letter::OrderRefunded {
                name: None,
                number: "DK-12345678",
                amount: "EGP 10.00",
                link: LINK,
            },
        ]
    }

    #[test]
    fn every_kind_is_translated_in_both_languages() {
        for letter in all() {
            for locale in Locale::ALL {
                let mail = letter.compose(locale, "mona@example.com");
                let html = mail.html.as_deref().unwrap();
                for text in [&mail.subject, &mail.text, &html.to_string()] {
                    assert!(
                        !text.contains("mail-"),
                        "{} {locale}: an untranslated key in {text}",
                        letter.kind()
                    );
                }
                assert!(mail.text.contains(LINK), "{}", mail.text);
                assert!(html.contains(&escape(LINK)));
                assert!(!html.contains(LINK), "the link's & is escaped in HTML");
                let opening = format!(
                    "<html lang=\"{}\" dir=\"{}\">",
                    locale.as_str(),
                    locale.dir().as_str()
                );
                assert!(html.contains(&opening), "{html}");
            }
        }
    }

    #[test]
    fn arabic_is_right_to_left_and_says_the_tracking_number() {
        let mail = Letter::OrderShipped {
            name: Some("منى"),
            number: "DK-12345678",
            tracking: Some("EG123456789"),
            link: LINK,
        }
        .compose(Locale::Ar, "mona@example.com");
        let html = mail.html.unwrap();
        assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(html.contains("text-align:right"));
        assert!(html.contains("<bdi>EG123456789</bdi>"));
        assert!(mail.text.contains("EG123456789"));
        assert!(mail.subject.contains("DK-12345678"));
        assert!(mail.text.contains("منى"));
    }

    #[test]
    fn interpolated_values_are_escaped_in_html() {
        let hostile = "<script>alert('x')</script> & \"Co\"";
        let mail = Letter::OrderShipped {
            name: Some(hostile),
            number: "DK-12345678",
            tracking: Some("<b>TRK</b>"),
            link: "https://shop.example/en/orders/DK-1?key=\"><script>",
        }
        .compose(Locale::En, "a@example.com");
        let html = mail.html.unwrap();
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>TRK"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;")
        );
        assert!(html.contains("&lt;b&gt;TRK&lt;/b&gt;"));
        // The text part is plain text: shown as written.
        assert!(mail.text.contains(hostile));
    }
}
