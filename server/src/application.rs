//! The composition root: how one running shop is put together from its configuration.
//! `dokkan serve` and the HTTP tests both build it here, so the tests run the wiring
//! production runs, background workers included.

use crate::{
    config::Config,
    db, jobs, order_events, payments,
    router::{self, RouterOptions},
    shutdown, AppState,
};
use anyhow::Context;
use sqlx::PgPool;
use std::{future::Future, net::SocketAddr, sync::Arc, time::Duration};
use tokio::{net::TcpListener, task::JoinHandle};

/// A shop bound to its address and ready to serve: state, router, and the workers that
/// run beside the requests (mail delivery, payment expiry, cart pruning, order status
/// events, the search index follower).
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    state: AppState,
    card: Option<dokkan_payments::CardConfig>,
    workers: Vec<JoinHandle<()>>,
    event_writer: Option<JoinHandle<()>>,
    first_training: Option<JoinHandle<()>>,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let pool = db::lazy_pool(&config.database)?;
        Self::build_with_pool(config, pool).await
    }

    /// With a pool made elsewhere (a test's own database).
    pub async fn build_with_pool(config: Config, pool: PgPool) -> anyhow::Result<Application> {
        let Config {
            http,
            auth,
            mail,
            media,
            payments,
            push,
            insights,
            channels,
            ..
        } = config;
        let listener = TcpListener::bind(http.leptos.site_addr)
            .await
            .with_context(|| format!("cannot listen on {}", http.leptos.site_addr))?;
        // How this server reaches itself (the fake provider's webhooks).
        #[cfg(feature = "fake-provider")]
        let internal = format!("http://{}", listener.local_addr()?);

        // The signing key may live in the database: wait for it rather than serve
        // sign-ins that cannot be verified later.
        let auth = crate::auth_settings(&pool, &auth).await?;
        let mailer: Arc<dyn dokkan_mail::Mailer> = match &mail.smtp {
            Some(smtp) => {
                tracing::info!(host = %smtp.host, port = smtp.port, security = ?smtp.security, "mail goes out over SMTP");
                Arc::new(dokkan_mail::SmtpMailer::new(smtp.settings(), &mail.from)?)
            }
            None => {
                tracing::info!(dir = %mail.dir.display(), "mail is written to files (development sink)");
                Arc::new(dokkan_mail::FileMailer::new(mail.dir).with_sender(&mail.from)?)
            }
        };
        let mut workers = vec![dokkan_mail::spawn_worker(pool.clone(), mailer)];

        // `Config` has refused the fake beside a real provider, and in a build without it.
        #[cfg(feature = "fake-provider")]
        let (card, fake) = match (&payments.card, payments.fake) {
            (Some(real), _) => (Some(real.card_config()), None),
            (None, true) => {
                tracing::warn!(
                    "the fake card provider is mounted at /fake-provider (development only)"
                );
                let public = if payments.fake_on_bound_address {
                    &internal
                } else {
                    &http.public_url
                };
                let (card, fake) = crate::config::fake_provider(public, &internal);
                (Some(card), Some(fake))
            }
            (None, false) => (None, None),
        };
        #[cfg(not(feature = "fake-provider"))]
        let card = payments.card.as_ref().map(|real| real.card_config());
        let commerce =
            payments::commerce(&pool, card.clone(), payments.payment_window_secs).await?;
        workers.push(order_events::spawn_listener(
            pool.clone(),
            commerce.status_changes.clone(),
        ));
        workers.push(jobs::spawn_payment_expiry(
            pool.clone(),
            Duration::from_secs(30),
        ));
        workers.push(jobs::spawn_cart_pruning(
            pool.clone(),
            Duration::from_secs(3600),
        ));
        workers.push(jobs::spawn_account_cleanup(
            pool.clone(),
            Duration::from_secs(3600),
        ));
        // Web push: the install's VAPID key (made on first start, shared by every
        // instance), and the worker sending the order updates that order moves queue.
        let vapid = dokkan_push::db::vapid_key(&pool)
            .await
            .context("reading the web push (VAPID) key")?;
        let push_api = Arc::new(crate::api::PushApi {
            key: vapid.public_key().to_string(),
            policy: push.policy(),
        });
        let links: dokkan_push::send::OrderLinks = {
            let signer = commerce.signer.clone();
            Arc::new(
                move |locale, number| match dokkan_orders::OrderNumber::parse(number) {
                    Ok(number) => app::server::orders::order_path(locale, &number, &signer),
                    Err(_) => format!("/{locale}/orders/{number}"),
                },
            )
        };
        let contact = push
            .contact
            .clone()
            .unwrap_or_else(|| http.public_url.clone());
        workers.push(dokkan_push::worker::spawn_worker(
            pool.clone(),
            dokkan_push::send::Sender::new(vapid, contact, push.policy(), links),
        ));
        // Replies to Telegram, WhatsApp and Messenger leave through their outbox.
        if !channels.channels.is_empty() {
            let sender = dokkan_channels::Sender::new(channels.apis());
            workers.push(dokkan_channels::worker::spawn_worker(
                pool.clone(),
                Arc::new(sender),
            ));
        }
        // Live chat: new messages in any conversation, whichever instance stored them.
        let (chat_updates, _) = tokio::sync::broadcast::channel(256);
        workers.push(crate::listen::spawn_listener(
            pool.clone(),
            dokkan_assistant::db::MESSAGE_CHANNEL,
            chat_updates.clone(),
        ));
        let insights_window = insights.window_days;
        let insights = crate::insights::start(&pool, &insights)
            .await
            .context("starting events and recommendations")?;
        workers.extend(insights.workers);
        let first_training = insights.first_training;
        let (events, recommender, experiments, event_writer) = (
            insights.sink,
            insights.recommender,
            insights.experiments,
            insights.writer,
        );
        let state = AppState {
            leptos_options: http.leptos,
            pool: pool.clone(),
            public_url: http.public_url,
            auth: Arc::new(auth),
            media_dir: media.dir,
            search: dokkan_catalog::index::SearchIndex::new(),
            commerce,
            events,
            recommender,
            experiments,
            recommend_window_days: insights_window,
            quiz_interest: Arc::default(),
            assistant: Arc::default(),
            assistant_limit: Arc::default(),
            chat_updates: chat_updates.clone(),
        };

        // Load the index before the first shopper needs it, then keep following changes
        // made by other instances and tools (each read also checks).
        workers.push(
            state
                .search
                .spawn_follower(pool.clone(), Duration::from_secs(2)),
        );
        let router = router::build(
            state.clone(),
            RouterOptions {
                #[cfg(feature = "fake-provider")]
                fake,
                watch: http.watch,
                channels: Arc::new(channels),
            },
        )
        .layer(axum::Extension(push_api));
        Ok(Application {
            listener,
            router,
            state,
            card,
            workers,
            event_writer,
            first_training,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// A fresh shop's first training of the recommendation models, when one is under way
    /// (the tests wait for it; `serve` does not).
    pub fn take_first_training(&mut self) -> Option<JoinHandle<()>> {
        self.first_training.take()
    }

    /// The shop's side of the card provider, when there is one.
    pub fn card(&self) -> Option<&dokkan_payments::CardConfig> {
        self.card.as_ref()
    }

    /// Serves until SIGTERM or Ctrl-C, then stops the workers and closes the pool.
    pub async fn run(self) -> anyhow::Result<()> {
        // A served shop trains the assistant's intent model at once, off the runtime (a
        // few seconds), so its first shopper does not wait. Tests (`run_until`) leave it to
        // the first request that needs it: hundreds of test apps need not train it.
        let assistant = self.state.assistant.clone();
        tokio::task::spawn_blocking(move || {
            if let Err(error) = assistant.get() {
                tracing::error!(%error, "the assistant's model did not train");
            }
        });
        self.run_until(shutdown::signal()).await
    }

    pub async fn run_until(
        self,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        tracing::info!("listening on http://{}", self.local_addr());
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(stop)
            .await
            .context("server error")?;
        // The requests are done: the last sink goes with the state, and the writer writes
        // what is still queued (a few seconds at most) before the pool closes.
        let Application {
            state,
            workers,
            event_writer,
            first_training,
            ..
        } = self;
        let pool = state.pool.clone();
        drop(state);
        if let Some(writer) = event_writer {
            if tokio::time::timeout(Duration::from_secs(5), writer)
                .await
                .is_err()
            {
                tracing::warn!("queued events were not all written before stopping");
            }
        }
        for worker in workers.into_iter().chain(first_training) {
            worker.abort();
        }
        pool.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}
