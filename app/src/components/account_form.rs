//! Account forms: the fields render on the server (so their markup never ships in the
//! WASM), wrapped in the small `FormIsland` that posts them with `fetch` once hydrated.

use crate::{
    error::FormError,
    islands::{FormIsland, FormTexts},
};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Email,
    Password,
    NewPassword,
    Tel,
    Select,
    Checkbox,
    /// One choice of several, shown as a group of radio buttons (`options`).
    Radio,
    Hidden,
}

/// One input, described on the server (label already translated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub kind: FieldKind,
    pub value: String,
    pub required: bool,
    pub autocomplete: String,
    pub hint: Option<String>,
    /// `(value, label)` for selects.
    pub options: Vec<(String, String)>,
}

impl Field {
    pub fn new(name: &str, label: String, kind: FieldKind) -> Field {
        Field {
            name: name.to_string(),
            label,
            kind,
            value: String::new(),
            required: false,
            autocomplete: "off".to_string(),
            hint: None,
            options: Vec::new(),
        }
    }

    pub fn hidden(name: &str, value: impl Into<String>) -> Field {
        Field::new(name, String::new(), FieldKind::Hidden).value(value)
    }

    pub fn value(mut self, value: impl Into<String>) -> Field {
        self.value = value.into();
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn autocomplete(mut self, token: &str) -> Field {
        self.autocomplete = token.to_string();
        self
    }

    pub fn hint(mut self, hint: String) -> Field {
        self.hint = Some(hint);
        self
    }

    pub fn options(mut self, options: Vec<(String, String)>) -> Field {
        self.options = options;
        self
    }
}

/// A whole account form. `error` is what a plain (no-JS) post came back with: its messages
/// are shown and its values put back.
#[component]
pub fn AccountForm(
    /// The server function's URL.
    #[prop(into)]
    action: String,
    /// A stable name for tests and styling; element ids derive from it.
    #[prop(into)]
    name: String,
    fields: Vec<Field>,
    texts: FormTexts,
    error: Option<FormError>,
    notice: Option<String>,
) -> impl IntoView {
    let form_id = format!("form-{name}");
    let message = error.as_ref().and_then(|e| e.message.clone());
    let error = error.unwrap_or_default();
    let field_views = fields
        .into_iter()
        .map(|field| field_view(&form_id, field, &error))
        .collect_view();
    view! {
        <FormIsland action name texts message notice>
            {field_views}
        </FormIsland>
    }
}

/// One field with its label, hint and error slot (ids under `form_id`).
pub fn field_view(form_id: &str, field: Field, error: &FormError) -> AnyView {
    let id = format!("{form_id}-{}", field.name);
    let error_id = format!("{id}-error");
    let message = error.field(&field.name).map(str::to_string);
    let invalid = message.is_some().then_some("true");
    let hidden = message.is_none();
    // The island fills the error paragraph after a scripted post, so it always exists.
    let error_view = view! {
        <p id=error_id.clone() class="field-error" hidden=hidden>
            {message}
        </p>
    };
    let hint_id = format!("{id}-hint");
    let described = if field.hint.is_some() {
        format!("{error_id} {hint_id}")
    } else {
        error_id
    };
    let hint = field
        .hint
        .map(|hint| view! { <p id=hint_id class="field-hint">{hint}</p> });
    let value = error
        .value(&field.name)
        .map(str::to_string)
        .unwrap_or(field.value);
    let required = field.required;
    match field.kind {
        FieldKind::Hidden => {
            view! { <input type="hidden" name=field.name value=value/> }.into_any()
        }
        FieldKind::Select => {
            let options = field
                .options
                .into_iter()
                .map(|(option, label)| {
                    let selected = option == value;
                    view! { <option value=option selected=selected>{label}</option> }
                })
                .collect_view();
            view! {
                <div class="field">
                    <label for=id.clone()>{field.label}</label>
                    <select
                        id=id
                        name=field.name
                        required=required
                        autocomplete=field.autocomplete
                        aria-invalid=invalid
                        aria-describedby=described
                    >
                        {options}
                    </select>
                    {hint}
                    {error_view}
                </div>
            }
            .into_any()
        }
        FieldKind::Radio => {
            let legend_id = format!("{id}-legend");
            let labelled = legend_id.clone();
            let choices = field
                .options
                .into_iter()
                .enumerate()
                .map(|(index, (option, label))| {
                    let choice_id = format!("{id}-{index}");
                    let checked = option == value;
                    view! {
                        <div class="field-radio">
                            <input
                                id=choice_id.clone()
                                type="radio"
                                name=field.name.clone()
                                value=option
                                checked=checked
                                required=required
                            />
                            <label for=choice_id>{label}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="field field-choices" aria-labelledby=labelled aria-describedby=described>
                    <legend id=legend_id>{field.label}</legend>
                    {choices}
                    {hint}
                    {error_view}
                </fieldset>
            }
            .into_any()
        }
        FieldKind::Checkbox => {
            let checked = !value.is_empty();
            view! {
                <div class="field field-checkbox">
                    <input id=id.clone() type="checkbox" name=field.name value="on" checked=checked/>
                    <label for=id>{field.label}</label>
                </div>
            }
            .into_any()
        }
        kind => {
            let (input_type, keep) = match kind {
                FieldKind::Email => ("email", true),
                FieldKind::Password | FieldKind::NewPassword => ("password", false),
                FieldKind::Tel => ("tel", true),
                _ => ("text", true),
            };
            let value = if keep { value } else { String::new() };
            let dir = matches!(kind, FieldKind::Email | FieldKind::Tel).then_some("ltr");
            let minlength = (kind == FieldKind::NewPassword).then_some("8");
            view! {
                <div class="field">
                    <label for=id.clone()>{field.label}</label>
                    <input
                        id=id
                        type=input_type
                        name=field.name
                        value=value
                        required=required
                        minlength=minlength
                        maxlength="254"
                        autocomplete=field.autocomplete
                        dir=dir
                        aria-invalid=invalid
                        aria-describedby=described
                    />
                    {hint}
                    {error_view}
                </div>
            }
            .into_any()
        }
    }
}
