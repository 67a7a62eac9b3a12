//! The incident date as three numeric boxes (day, month, year), the GOV.UK date
//! pattern: easier on a phone than a date picker, and no auto-advance.

use leptos::prelude::*;

use super::FormContext;
use super::question::{QuestionLegend, error_text, group_class};
use crate::complaint::{DatePart, Field, Problem};

/// The date of the incident.
#[component]
pub fn DateInput(
    /// Day of the month as typed.
    day: RwSignal<String>,
    /// Month number as typed.
    month: RwSignal<String>,
    /// Four-digit year as typed.
    year: RwSignal<String>,
    /// Whether the legend adds "(opsional)": only complaints need a date.
    #[prop(into)]
    optional: Signal<bool>,
) -> impl IntoView {
    let context = FormContext::get();
    let text = context.text;
    let error = context.error(Field::IncidentDate);
    let error_sentence = error_text(&context, Field::IncidentDate);
    // Highlight only the boxes at fault: the missing parts, or the year alone
    // when it is too short; a date that does not exist marks all three.
    let at_fault = move |part: DatePart| {
        error.with(|error| match error.as_ref().map(|e| &e.problem) {
            None => false,
            Some(Problem::DateIncomplete { missing }) => missing.contains(&part),
            Some(Problem::YearNotFourDigits) => part == DatePart::Year,
            Some(_) => true,
        })
    };
    let parts = [
        (DatePart::Day, text.day, "aduan-incident-day", day, "aduan-input--width-2"),
        (DatePart::Month, text.month, "aduan-incident-month", month, "aduan-input--width-2"),
        (DatePart::Year, text.year, "aduan-incident-year", year, "aduan-input--width-4"),
    ];
    view! {
        <div class=group_class(error_sentence)>
            <fieldset class="aduan-fieldset" aria-describedby=context.described_by(Field::IncidentDate, &[])>
            <QuestionLegend field=Field::IncidentDate optional=optional error=error_sentence />
            <div class="aduan-date-input">
                {parts
                    .into_iter()
                    .map(|(part, label, id, value, width)| {
                        view! {
                            <div class="aduan-date-input__item">
                                <label class="aduan-label aduan-date-input__label" for=id>{label}</label>
                                <input
                                    class=Signal::derive(move || {
                                        if at_fault(part) {
                                            format!("aduan-input {width} aduan-input--error")
                                        } else {
                                            format!("aduan-input {width}")
                                        }
                                    })
                                    id=id
                                    name=id
                                    type="text"
                                    inputmode="numeric"
                                    spellcheck="false"
                                    aria-invalid=Signal::derive(move || at_fault(part).then_some("true"))
                                    prop:value=value
                                    on:input=move |event| value.set(event_target_value(&event))
                                />
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            </fieldset>
        </div>
    }
}
