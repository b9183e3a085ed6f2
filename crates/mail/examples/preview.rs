//! Writes one mail's HTML (or, with `text`, its plain text) to standard output, with
//! sample values, to look at the layout in a browser:
//!
//! ```sh
//! cargo run -p dokkan-mail --example preview -- order-shipped ar > /tmp/mail.html
//! chromium --headless --screenshot=/tmp/mail.png --window-size=700,900 /tmp/mail.html
//! ```
//!
//! Kinds: verify-email, password-reset, order-confirmation, order-shipped,
//! order-delivered, order-cancelled, order-refunded. Locales: ar, en.

use dokkan_core::{Locale, Money};
use dokkan_mail::Letter;

fn main() {
    let mut args = std::env::args().skip(1);
    let kind = args.next().unwrap_or_else(|| "order-shipped".into());
    let locale = args
        .next()
        .and_then(|l| Locale::from_url_segment(&l))
        .unwrap_or(Locale::Ar);
    let text = args.next().as_deref() == Some("text");
    let link = format!("https://dokkan.example/{locale}/orders/DK-48213907?key=Qm9vaw");
    let money = |minor| Money::egp(minor).format(locale);
    let (total, refund) = (money(1_254_900), money(349_900));
    let name = match locale {
        Locale::Ar => "منى عادل",
        Locale::En => "Mona Adel",
    };
    let number = "DK-48213907";
    let letter = match kind.as_str() {
        "verify-email" => Letter::VerifyEmail { name, link: &link },
        "password-reset" => Letter::PasswordReset { name, link: &link },
        "order-confirmation" => Letter::OrderPlaced {
            name: Some(name),
            number,
            total: &total,
            link: &link,
        },
        "order-delivered" => Letter::OrderDelivered {
            name: Some(name),
            number,
            link: &link,
        },
        "order-cancelled" => Letter::OrderCancelled {
            name: Some(name),
            number,
            refund: Some(&refund),
            link: &link,
        },
        "order-refunded" => Letter::OrderRefunded {
            name: Some(name),
            number,
            amount: &refund,
            link: &link,
        },
        _ => Letter::OrderShipped {
            name: Some(name),
            number,
            tracking: Some("BOSTA-7781203"),
            link: &link,
        },
    };
    let mail = letter.compose(locale, "mona@example.com");
    if text {
        println!("Subject: {}\n\n{}", mail.subject, mail.text);
    } else {
        print!("{}", mail.html.unwrap_or_default());
    }
}
