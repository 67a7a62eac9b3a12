//! The draft as signals: one per answer, so typing in one field re-renders only that field.

use leptos::prelude::*;

use crate::browser::files;
use crate::complaint::{Draft, ReportKind};

/// A file the citizen chose, with the browser's handle to read it when sending.
#[derive(Clone, Debug)]
pub struct Attached {
    /// Distinguishes two files with the same name in the list.
    pub key: u32,
    pub file: web_sys::File,
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
            coordinates: None,
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
