//! Which social channels the assistant answers on, read from the environment. A channel
//! is on when its token and its secret are both set; half a configuration stops the start.

use crate::config::{Secret, Vars};
use anyhow::bail;
use dokkan_channels::{outbound, Channel, ChannelApi};

/// One channel's settings.
#[derive(Clone, Debug)]
pub struct ChannelSettings {
    pub channel: Channel,
    /// Where replies go (the real API, or a local fake in tests).
    pub api_base: String,
    /// Telegram: the bot token; WhatsApp: the access token; Messenger: the Page token.
    pub token: Secret<String>,
    /// Telegram: the webhook's secret token; WhatsApp and Messenger: the app secret that
    /// signs the webhook bodies.
    pub secret: Secret<String>,
    /// WhatsApp and Messenger: the token the GET verification handshake must carry.
    pub verify_token: Option<Secret<String>>,
    /// WhatsApp: the business phone number replies leave from by default.
    pub phone_number_id: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct ChannelsConfig {
    pub channels: Vec<ChannelSettings>,
}

impl ChannelsConfig {
    /// Telegram: `DOKKAN_TELEGRAM_BOT_TOKEN`, `DOKKAN_TELEGRAM_SECRET` and optionally
    /// `DOKKAN_TELEGRAM_API`. WhatsApp: `DOKKAN_WHATSAPP_TOKEN`, `DOKKAN_WHATSAPP_APP_SECRET`,
    /// `DOKKAN_WHATSAPP_VERIFY_TOKEN`, `DOKKAN_WHATSAPP_PHONE_NUMBER_ID` and optionally
    /// `DOKKAN_WHATSAPP_API`. Messenger: `DOKKAN_MESSENGER_PAGE_TOKEN`,
    /// `DOKKAN_MESSENGER_APP_SECRET`, `DOKKAN_MESSENGER_VERIFY_TOKEN` and optionally
    /// `DOKKAN_MESSENGER_API`.
    pub fn from_vars(vars: Vars) -> anyhow::Result<Self> {
        let get = |name: &str| {
            vars(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mut channels = Vec::new();
        let specs: [(Channel, &str, &str, Option<&str>, &str); 3] = [
            (
                Channel::Telegram,
                "DOKKAN_TELEGRAM_BOT_TOKEN",
                "DOKKAN_TELEGRAM_SECRET",
                None,
                "DOKKAN_TELEGRAM_API",
            ),
            (
                Channel::WhatsApp,
                "DOKKAN_WHATSAPP_TOKEN",
                "DOKKAN_WHATSAPP_APP_SECRET",
                Some("DOKKAN_WHATSAPP_VERIFY_TOKEN"),
                "DOKKAN_WHATSAPP_API",
            ),
            (
                Channel::Messenger,
                "DOKKAN_MESSENGER_PAGE_TOKEN",
                "DOKKAN_MESSENGER_APP_SECRET",
                Some("DOKKAN_MESSENGER_VERIFY_TOKEN"),
                "DOKKAN_MESSENGER_API",
            ),
        ];
        for (channel, token_var, secret_var, verify_var, api_var) in specs {
            let token = get(token_var);
            let secret = get(secret_var);
            let verify = verify_var.and_then(get);
            let (token, secret) = match (token, secret) {
                (None, None) => continue,
                (Some(t), Some(s)) => (t, s),
                (Some(_), None) => bail!("{token_var} is set without {secret_var}"),
                (None, Some(_)) => bail!("{secret_var} is set without {token_var}"),
            };
            if let Some(var) = verify_var {
                if verify.is_none() {
                    bail!("{var} must be set with {token_var}");
                }
            }
            if channel == Channel::Telegram
                && !dokkan_channels::verify::telegram_secret_format_ok(&secret)
            {
                bail!("{secret_var} must be 1-256 letters, digits, '_' or '-' (Telegram's rule)");
            }
            let default_base = match channel {
                Channel::Telegram => outbound::TELEGRAM_API,
                _ => outbound::GRAPH_API,
            };
            let api_base = get(api_var).unwrap_or_else(|| default_base.to_string());
            if !(api_base.starts_with("https://") || api_base.starts_with("http://")) {
                bail!("{api_var} must be an http(s) URL, not {api_base:?}");
            }
            let phone_number_id = if channel == Channel::WhatsApp {
                match get("DOKKAN_WHATSAPP_PHONE_NUMBER_ID") {
                    Some(id) => Some(id),
                    None => bail!("DOKKAN_WHATSAPP_PHONE_NUMBER_ID must be set with {token_var}"),
                }
            } else {
                None
            };
            channels.push(ChannelSettings {
                channel,
                api_base,
                token: Secret::new(token),
                secret: Secret::new(secret),
                verify_token: verify.map(Secret::new),
                phone_number_id,
            });
        }
        Ok(ChannelsConfig { channels })
    }

    pub fn get(&self, channel: Channel) -> Option<&ChannelSettings> {
        self.channels.iter().find(|c| c.channel == channel)
    }

    /// The outbox sender's view of the configured channels.
    pub fn apis(&self) -> Vec<ChannelApi> {
        self.channels
            .iter()
            .map(|c| {
                let api = ChannelApi::new(c.channel, &c.api_base, c.token.expose().clone());
                match &c.phone_number_id {
                    Some(id) => api.with_phone_number_id(id.clone()),
                    None => api,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(pairs: &[(&str, &str)]) -> anyhow::Result<ChannelsConfig> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ChannelsConfig::from_vars(&move |name| map.get(name).cloned())
    }

    #[test]
    fn channels_are_on_only_when_whole() {
        assert!(read(&[]).unwrap().channels.is_empty());
        let on = read(&[
            ("DOKKAN_TELEGRAM_BOT_TOKEN", "123:abc"),
            ("DOKKAN_TELEGRAM_SECRET", "s3cret_token"),
        ])
        .unwrap();
        assert_eq!(on.channels.len(), 1);
        assert_eq!(on.channels[0].api_base, outbound::TELEGRAM_API);
        assert!(read(&[("DOKKAN_TELEGRAM_BOT_TOKEN", "123:abc")]).is_err());
        assert!(read(&[
            ("DOKKAN_TELEGRAM_BOT_TOKEN", "123:abc"),
            ("DOKKAN_TELEGRAM_SECRET", "no spaces allowed"),
        ])
        .is_err());
        assert!(
            read(&[
                ("DOKKAN_WHATSAPP_TOKEN", "t"),
                ("DOKKAN_WHATSAPP_APP_SECRET", "s"),
                ("DOKKAN_WHATSAPP_VERIFY_TOKEN", "v"),
            ])
            .is_err(),
            "the phone number id is needed"
        );
        let meta = read(&[
            ("DOKKAN_MESSENGER_PAGE_TOKEN", "t"),
            ("DOKKAN_MESSENGER_APP_SECRET", "s"),
            ("DOKKAN_MESSENGER_VERIFY_TOKEN", "v"),
            ("DOKKAN_MESSENGER_API", "http://127.0.0.1:9/v21.0"),
        ])
        .unwrap();
        assert_eq!(meta.channels[0].api_base, "http://127.0.0.1:9/v21.0");
        assert!(format!("{meta:?}").contains("[redacted]"));
        assert!(!format!("{meta:?}").contains("\"s\""));
    }
}
