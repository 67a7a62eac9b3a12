//! English, for regencies that serve visitors and foreign residents.

use super::{HandOffLabels, Lang, Messages, Question, human_size, join_list, quoted, type_names};
use crate::complaint::{DatePart, Field, FieldError, Problem};
use crate::nik::NikProblem;
use crate::phone::PhoneProblem;

static HAND_OFF: HandOffLabels = HandOffLabels {
    heading: |kind, regency| format!("{kind} for the Government of {regency}"),
    subject: |kind| kind.to_owned(),
    title: "Title",
    description: "Report",
    date: "Date of incident",
    location: "Location",
    map: "Map",
    agency: "For",
    reporter: "Reported by",
    anonymous_reporter: "Anonymous (please keep the reporter's identity hidden)",
    phone: "Phone",
    email: "Email",
    nik: "NIK",
    confidential: "Confidential",
    confidential_yes: "yes, please do not publish this report",
    attachments: "Attachments",
    attachments_follow: |count| format!("{count} {} follow in this message", if count == 1 { "file" } else { "files" }),
    reference: "Report number",
};

pub(super) const MESSAGES: Messages = Messages {
    loading: "Loading the complaint form…",
    heading: "Send a report",
    intro: |regency| format!("Your report goes to the agency of the {regency} government that handles it."),
    optional: "(optional)",

    kind: Question { label: "What kind of report is this?", hint: "" },
    kind_pengaduan: Question { label: "Complaint", hint: "Something is wrong with a public service or facility." },
    kind_aspirasi: Question { label: "Suggestion", hint: "An idea or proposal for the local government." },
    kind_informasi: Question {
        label: "Request for information",
        hint: "A question about services, rules or public data.",
    },
    title: Question { label: "Title", hint: "Keep it short, for example: Street light out in front of the school." },
    description: Question { label: "What happened?", hint: "Say what happened, exactly where, and since when." },
    characters_left: |left| {
        let plural = |n: i64| if n == 1 { "character" } else { "characters" };
        if left >= 0 {
            format!("You have {left} {} remaining", plural(left))
        } else {
            format!("You have {} {} too many", -left, plural(-left))
        }
    },
    characters_allowed: |max| format!("You can enter up to {max} characters"),
    incident_date: Question { label: "When did it happen?", hint: "For example, 27 3 2026" },
    day: "Day",
    month: "Month",
    year: "Year",
    location: Question { label: "Where is it?", hint: "" },
    kecamatan: Question { label: "District (kecamatan)", hint: "" },
    choose_kecamatan: "Choose a district",
    desa: Question { label: "Village or ward (desa or kelurahan)", hint: "" },
    choose_desa: "Choose a village or ward",
    choose_kecamatan_first: "Choose a district first",
    kelurahan_suffix: "(kelurahan)",
    location_detail: Question { label: "Location details", hint: "Street name, RT/RW, or the nearest landmark." },
    agency: Question {
        label: "Which agency is it for?",
        hint: "If you are not sure, choose \u{201c}I don't know\u{201d}: an officer will forward it.",
    },
    agency_unknown: "I don't know",
    attachments: Question { label: "Attachments", hint: "" },
    attachment_limits: |max_count, max_bytes, types| {
        format!(
            "Photos or documents ({}), up to {max_count} {}, each up to {}.",
            join_list(&type_names(types), "or"),
            if max_count == 1 { "file" } else { "files" },
            human_size(max_bytes, Lang::En)
        )
    },
    remove: "Remove",
    chosen_files: "Chosen files",
    privacy: Question { label: "Privacy", hint: "" },
    anonymous: Question {
        label: "Anonymous",
        hint: "Your name and contact details are not shown to the agency handling the report.",
    },
    confidential: Question { label: "Confidential", hint: "Your report is not shown to the public." },
    privacy_link: "How we protect your personal data",
    contact: Question { label: "About you", hint: "An officer uses these to contact you about this report." },
    name: Question { label: "Full name", hint: "" },
    phone: Question {
        label: "Mobile or WhatsApp number",
        hint: "For example, 0812 3456 7890. Give a phone number, an email, or both.",
    },
    email: Question { label: "Email address", hint: "" },
    nik: Question {
        label: "NIK (national identity number)",
        hint: "The 16 digits on an Indonesian ID card. Only needed for some matters, such as civil registration.",
    },
    submit: "Send report",
    sending: "Sending report…",

    error_summary_title: "There is a problem",
    error_prefix: "Error:",
    field_error,

    not_sent_title: "Your report has not been sent",
    not_sent_kept: "Everything you typed is still in this form. Try sending again in a moment.",
    retry: "Try again",
    delivery_offline: "Your device could not reach the complaint server. Check your signal or internet connection.",
    delivery_timeout: "The complaint server took too long to answer.",
    delivery_rejected: |reason| match reason {
        Some(reason) => format!("The complaint server refused this report: {reason}"),
        None => "The complaint server refused this report.".to_owned(),
    },
    delivery_server_error: |status| format!("The complaint server has a problem (code {status})."),
    delivery_unreadable: "The complaint server's answer could not be read, so it is not certain your report arrived.",
    delivery_file_unreadable: |name| {
        format!("The file {name} can no longer be read. Remove it, then choose the file again.")
    },

    receipt_title: "Report sent",
    tracking_number: "Tracking number",
    receipt_keep: "Keep this number to ask about the progress of your report.",
    receipt_agency: |agency| format!("Your report is addressed to {agency}."),
    receipt_no_agency: "An officer will forward your report to the agency responsible.",
    receipt_summary: "Your report",
    response_promise: |hours| format!("The agency will answer within {hours} hours."),
    another_report: "Send another report",

    suggestion_title: "Who handles this",
    suggestion_body: |agency, sure| {
        if sure {
            format!("From what you wrote, this is handled by {agency}.")
        } else {
            format!("From what you wrote, this may be handled by {agency}.")
        }
    },
    suggestion_confidence: |sure| if sure { "Confidence: high" } else { "Confidence: medium" },
    suggestion_reasons: |words| format!("Because you wrote: {}.", quoted(words, "and")),
    choose_agency: |agency| format!("Choose {agency}"),
    chosen: "Chosen",
    suggestion_alternatives: "Or perhaps:",
    choose_other_agency: "Choose another agency",
    suggestion_unsure: "We cannot yet tell which agency handles this. Choose one yourself, or choose \u{201c}I don't know\u{201d} and an officer will forward it.",
    referral_title: |regency| format!("Not a matter for the {regency} government"),
    referral_body: |name| format!("Matters like this are handled by {name}."),
    referral_call: |number| format!("Call {number}"),
    referral_site: "Open their official site",
    referral_still_send: "You can still send this report; an officer will forward it.",
    emergency_title: "Is this an emergency?",
    emergency_body: "If there is danger right now, do not wait for an answer to this form: call now, free of charge.",
    emergency_call: |number, service| format!("Call {number} ({service})"),
    service_general: "emergency",
    service_fire: "fire brigade",
    service_police: "police",
    service_rescue: "search and rescue",
    service_ambulance: "ambulance",

    config_failed_title: "The complaint form could not be loaded",
    config_failed_body: "Sorry, this form has a problem. Please try again later or use another complaint channel.",
    config_failed_detail: "For the site manager:",

    hand_off: &HAND_OFF,
    hand_off_whatsapp_title: "Send by WhatsApp",
    hand_off_whatsapp_body: "This agency takes reports by WhatsApp. Press the button below: WhatsApp opens with your report already written, then press Send in WhatsApp.",
    hand_off_whatsapp_open: "Open WhatsApp",
    hand_off_email_title: "Send by email",
    hand_off_email_body: "This agency takes reports by email. Press the button below: your email app opens with the report already written, then send the email.",
    hand_off_email_open: "Open your email app",
    hand_off_attach_yourself: |count| {
        format!(
            "Attach your {count} {} to that message yourself: a link cannot carry files.",
            if count == 1 { "file" } else { "files" }
        )
    },
    hand_off_not_anonymous: "You marked this report Anonymous, but whoever receives the message can still see the number or address it came from.",
    handed_off_title: "Your report is ready to send",
    handed_off_body: "Make sure you pressed Send in the app that opened. The report only arrives after that.",
    report_number: "Report number",

    outbox_title: "Your reports on this device",
    status_sending: "Sending…",
    status_sent: |reference| format!("Sent. Tracking number: {reference}"),
    status_waiting_connection: "Waiting for an internet connection. The report is saved on this device and is sent automatically once connected.",
    status_waiting_retry: |reason, hour, minute| {
        format!("Not sent yet: {reason} Trying again automatically at {hour:02}:{minute:02}.")
    },
    status_failed: |reason| format!("Not sent: {reason}"),
    send_now: "Send now",
    edit_report: "Edit report",
    discard_report: "Discard report",
    dismiss: "Close",
    saved_title: "Report saved, not sent yet",
    saved_body: "Your report is safe on this device and is sent automatically when the connection returns, even if this page is closed and opened again on the same device.",
    temporary_number: "Temporary number",
    edit_returned: "The report is back in the form. Correct it, then send it again.",

    draft_restored: "We restored what you had typed but not sent.",
    draft_restored_files: "Attachments are not kept; choose them again if needed.",
    draft_note: "What you type is saved on this device until the report is sent.",
    delete_draft: "Clear the form",
    draft_deleted: "The form has been cleared from this device.",
    undo: "Undo",

    use_my_location: "Use my location",
    locating: "Finding your location…",
    location_shared: |lat, long| format!("Your location ({lat}, {long}) will be sent with this report."),
    remove_location: "Do not send my location",
    location_denied: "Location permission was not given. Describe the location above instead.",
    location_unavailable: "Your location cannot be found right now. Describe the location above instead.",
    location_unsupported: "This device cannot give a location. Describe the location above instead.",

    preparing_photo: "Preparing photo…",
    photo_scaled: "made smaller, location data in the photo removed",
    preview_of: |name| format!("Preview of {name}"),

    trap_label: "Leave this field empty",
    too_fast: "The report was sent too soon after the form opened. Check your answers, then press Send once more.",
    trap_filled: "This form seems to have been filled in by an automated program, so it was not sent. Reload the page, then fill it in and send it again.",
};

fn field_error(error: &FieldError) -> String {
    let what = match error.field {
        Field::Kind => "what kind of report this is",
        Field::Title => "a title for your report",
        Field::Description => "what happened",
        Field::IncidentDate => "the date it happened",
        Field::Kecamatan => "a district",
        Field::Desa => "a village or ward",
        Field::LocationDetail => "location details",
        Field::Agency => "an agency",
        Field::Attachments => "a file",
        Field::Name => "your full name",
        Field::Phone => "a phone number",
        Field::Email => "an email address",
        Field::Nik => "your NIK",
    };
    let subject = match error.field {
        Field::Kind => "Report kind",
        Field::Title => "Title",
        Field::Description => "Description",
        Field::IncidentDate => "Date",
        Field::Kecamatan => "District",
        Field::Desa => "Village or ward",
        Field::LocationDetail => "Location details",
        Field::Agency => "Agency",
        Field::Attachments => "Attachments",
        Field::Name => "Full name",
        Field::Phone => "Phone number",
        Field::Email => "Email address",
        Field::Nik => "NIK",
    };
    match &error.problem {
        Problem::Missing => match error.field {
            Field::Kind | Field::Kecamatan | Field::Desa | Field::Agency => format!("Select {what}"),
            _ => format!("Enter {what}"),
        },
        Problem::TooShort { min } => format!("{subject} must be {min} characters or more"),
        Problem::TooLong { max } => format!("{subject} must be {max} characters or less"),
        Problem::DateIncomplete { missing } => {
            let parts: Vec<String> = missing
                .iter()
                .map(|part| match part {
                    DatePart::Day => "a day",
                    DatePart::Month => "a month",
                    DatePart::Year => "a year",
                })
                .map(String::from)
                .collect();
            format!("The date it happened must include {}", join_list(&parts, "and"))
        }
        Problem::YearNotFourDigits => "Year must include 4 numbers, for example 2026".to_owned(),
        Problem::DateNotReal => "The date it happened must be a real date".to_owned(),
        Problem::DateInFuture => "The date it happened must be today or in the past".to_owned(),
        Problem::NoWayToReply => "Enter a phone number or an email address so an officer can contact you".to_owned(),
        Problem::Phone(PhoneProblem::NotANumber) => {
            "Phone number must only include numbers, for example 0812 3456 7890".to_owned()
        }
        Problem::Phone(PhoneProblem::NotIndonesian) => "Enter an Indonesian number starting with 08 or +62".to_owned(),
        Problem::Phone(PhoneProblem::WrongLength) => "Phone number is too short or too long, check it again".to_owned(),
        Problem::Email => "Enter an email address in the correct format, like name@example.com".to_owned(),
        Problem::Nik(NikProblem::NotDigits) => "NIK must only include numbers".to_owned(),
        Problem::Nik(NikProblem::WrongLength) => "NIK must be 16 numbers".to_owned(),
        Problem::Nik(NikProblem::UnknownRegion) => {
            "The first six numbers of a NIK must be a real region code".to_owned()
        }
        Problem::Nik(NikProblem::ImpossibleBirthDate) => {
            "Numbers 7 to 12 of a NIK must be a real date of birth".to_owned()
        }
        Problem::Nik(NikProblem::ZeroSerial) => "The last four numbers of a NIK cannot be 0000".to_owned(),
        Problem::NotInList => format!("Select {what} from the list"),
        Problem::TooManyFiles { max } => format!("Select {max} files or fewer"),
        Problem::FileTooLarge { name, max_bytes } => {
            format!("The file {name} must be smaller than {}", human_size(*max_bytes, Lang::En))
        }
        Problem::FileTypeNotAllowed { name } => {
            format!("The file {name} must be one of the photo or document types listed")
        }
        Problem::FileEmpty { name } => format!("The file {name} is empty"),
        Problem::FileUnreadable { name } => {
            format!("The photo {name} cannot be opened. Choose another photo, or send it as a JPG")
        }
    }
}
