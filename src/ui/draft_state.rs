//! The draft as signals: one per answer, so typing in one field re-renders only that field.

use leptos::prelude::*;

use crate::browser::files;
use crate::complaint::{Coordinates, Draft, ReportKind};

/// A file the citizen chose, with the browser's handle to read it when sending.
#[derive(Clone, Debug)]
pub struct Attached {
    /// Distinguishes two files with the same name in the list.
    pub key: u32,
    /// The file to send: a photo once scaled down, otherwise as chosen.
    pub file: web_sys::File,
    pub state: AttachedState,
    /// A photo's thumbnail, drawn once when it was scaled.
    pub preview: Option<web_sys::HtmlCanvasElement>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttachedState {
    /// Sent as chosen (a PDF).
    Ready,
    /// A photo being scaled down; `file` is still the original.
    Preparing,
    /// A photo scaled down and re-encoded, its EXIF gone.
    Scaled,
    /// A photo the browser could not decode.
    Unreadable,
}

/// Every answer of the form. `Copy`, so components take it whole or field by field.
#[derive(Clone, Copy)]
pub struct DraftState {
    pub kind: RwSignal<Option<ReportKind>>,
    pub title: RwSignal<String>,
    pub description: RwSignal<String>,
    pub incident_day: RwSignal<String>,
    pub incident_month: RwSignal<String>,
    pub incident_year: RwSignal<String>,
    pub kecamatan: RwSignal<String>,
    pub desa: RwSignal<String>,
    pub location_detail: RwSignal<String>,
    /// The device's position, once the citizen chose to share it.
    pub coordinates: RwSignal<Option<Coordinates>>,
    pub agency: RwSignal<String>,
    pub anonymous: RwSignal<bool>,
    pub confidential: RwSignal<bool>,
    pub name: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub email: RwSignal<String>,
    pub nik: RwSignal<String>,
    /// Files are browser objects, so this signal lives on the page's thread only.
    pub attachments: RwSignal<Vec<Attached>, LocalStorage>,
}

impl DraftState {
    pub fn new() -> Self {
        Self {
            kind: RwSignal::new(None),
            title: RwSignal::default(),
            description: RwSignal::default(),
            incident_day: RwSignal::default(),
            incident_month: RwSignal::default(),
            incident_year: RwSignal::default(),
            kecamatan: RwSignal::default(),
            desa: RwSignal::default(),
            location_detail: RwSignal::default(),
            coordinates: RwSignal::new(None),
            agency: RwSignal::default(),
            anonymous: RwSignal::new(false),
            confidential: RwSignal::new(false),
            name: RwSignal::default(),
            phone: RwSignal::default(),
            email: RwSignal::default(),
            nik: RwSignal::default(),
            attachments: RwSignal::new_local(Vec::new()),
        }
    }

    /// The answers as the core's [`Draft`], read without subscribing.
    pub fn snapshot(&self) -> Draft {
        Draft {
            kind: self.kind.get_untracked(),
            title: self.title.get_untracked(),
            description: self.description.get_untracked(),
            incident_day: self.incident_day.get_untracked(),
            incident_month: self.incident_month.get_untracked(),
            incident_year: self.incident_year.get_untracked(),
            kecamatan: self.kecamatan.get_untracked(),
            desa: self.desa.get_untracked(),
            location_detail: self.location_detail.get_untracked(),
            coordinates: self.coordinates.get_untracked(),
            agency: self.agency.get_untracked(),
            anonymous: self.anonymous.get_untracked(),
            confidential: self.confidential.get_untracked(),
            name: self.name.get_untracked(),
            phone: self.phone.get_untracked(),
            email: self.email.get_untracked(),
            nik: self.nik.get_untracked(),
            attachments: self.attachments.with_untracked(|all| all.iter().map(|a| files::info(&a.file)).collect()),
        }
    }

    /// The answers, subscribing to every one: for saving the draft as it changes.
    /// Attachments are left out (they are not saved).
    pub fn tracked(&self) -> Draft {
        Draft {
            kind: self.kind.get(),
            title: self.title.get(),
            description: self.description.get(),
            incident_day: self.incident_day.get(),
            incident_month: self.incident_month.get(),
            incident_year: self.incident_year.get(),
            kecamatan: self.kecamatan.get(),
            desa: self.desa.get(),
            location_detail: self.location_detail.get(),
            coordinates: self.coordinates.get(),
            agency: self.agency.get(),
            anonymous: self.anonymous.get(),
            confidential: self.confidential.get(),
            name: self.name.get(),
            phone: self.phone.get(),
            email: self.email.get(),
            nik: self.nik.get(),
            attachments: Vec::new(),
        }
    }

    /// Puts a saved or returned draft back into the form (attachments apart).
    pub fn fill(&self, draft: &Draft) {
        self.kind.set(draft.kind);
        for (signal, text) in [
            (self.title, &draft.title),
            (self.description, &draft.description),
            (self.incident_day, &draft.incident_day),
            (self.incident_month, &draft.incident_month),
            (self.incident_year, &draft.incident_year),
            (self.kecamatan, &draft.kecamatan),
            (self.desa, &draft.desa),
            (self.location_detail, &draft.location_detail),
            (self.agency, &draft.agency),
            (self.name, &draft.name),
            (self.phone, &draft.phone),
            (self.email, &draft.email),
            (self.nik, &draft.nik),
        ] {
            signal.set(text.clone());
        }
        self.coordinates.set(draft.coordinates);
        self.anonymous.set(draft.anonymous);
        self.confidential.set(draft.confidential);
    }

    /// Whether a photo is still being scaled down.
    pub fn preparing(&self) -> bool {
        self.attachments.with_untracked(|all| all.iter().any(|a| a.state == AttachedState::Preparing))
    }

    /// The chosen files, in order, for sending.
    pub fn files(&self) -> Vec<web_sys::File> {
        self.attachments.with_untracked(|all| all.iter().map(|a| a.file.clone()).collect())
    }

    /// Empties the form for the next report.
    pub fn clear(&self) {
        self.kind.set(None);
        for text in [
            self.title,
            self.description,
            self.incident_day,
            self.incident_month,
            self.incident_year,
            self.kecamatan,
            self.desa,
            self.location_detail,
            self.agency,
            self.name,
            self.phone,
            self.email,
            self.nik,
        ] {
            text.set(String::new());
        }
        self.coordinates.set(None);
        self.anonymous.set(false);
        self.confidential.set(false);
        self.attachments.set(Vec::new());
    }
}

impl Default for DraftState {
    fn default() -> Self {
        Self::new()
    }
}
