use leptos::prelude::*;

/// A − / + quantity control (inside the add-to-cart island). Its buttons stay disabled
/// until the WASM has hydrated, so a working stepper is proof that hydration happened.
#[component]
pub fn QuantityStepper(
    label: String,
    decrease_label: String,
    increase_label: String,
    max: u32,
) -> impl IntoView {
    let (quantity, set_quantity) = signal(1u32);
    let (hydrated, set_hydrated) = signal(false);
    // Effects run only in the browser.
    Effect::new(move |_| set_hydrated.set(true));
    let clamp = move |value: u32| value.clamp(1, max);
    view! {
        <div class="quantity-stepper" data-hydrated=move || hydrated.get().to_string()>
            <label for="quantity">{label}</label>
            <div class="quantity-stepper-controls">
                <button
                    type="button"
                    aria-label=decrease_label
                    aria-controls="quantity"
                    disabled=move || { !hydrated.get() || quantity.get() <= 1 }
                    on:click=move |_| set_quantity.update(|q| *q = clamp(q.saturating_sub(1)))
                >
                    "−"
                </button>
                <input
                    id="quantity"
                    name="quantity"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=max
                    value="1"
                    prop:value=move || quantity.get().to_string()
                    on:change=move |ev| {
                        let parsed = event_target_value(&ev).trim().parse::<u32>().unwrap_or(1);
                        set_quantity.set(clamp(parsed));
                    }
                />
                <button
                    type="button"
                    aria-label=increase_label
                    aria-controls="quantity"
                    disabled=move || { !hydrated.get() || quantity.get() >= max }
                    on:click=move |_| set_quantity.update(|q| *q = clamp(q.saturating_add(1)))
                >
                    "+"
                </button>
            </div>
        </div>
    }
}
