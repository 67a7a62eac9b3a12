//! Bahasa Indonesia, the widget's default language. Plain, polite, "Anda".

use super::{HandOffLabels, Lang, Messages, Question, human_size, join_list, quoted, type_names};
use crate::complaint::{DatePart, Field, FieldError, Problem};
use crate::nik::NikProblem;
use crate::phone::PhoneProblem;

static HAND_OFF: HandOffLabels = HandOffLabels {
    heading: |kind, regency| format!("{kind} untuk Pemerintah {regency}"),
    subject: |kind| kind.to_owned(),
    title: "Judul",
    description: "Isi laporan",
    date: "Tanggal kejadian",
    location: "Lokasi",
    map: "Peta",
    agency: "Ditujukan kepada",
    reporter: "Pelapor",
    anonymous_reporter: "Anonim (mohon identitas pelapor dirahasiakan)",
    phone: "No. HP",
    email: "Email",
    nik: "NIK",
    confidential: "Rahasia",
    confidential_yes: "ya, mohon laporan ini tidak dipublikasikan",
    attachments: "Lampiran",
    attachments_follow: |count| format!("{count} berkas menyusul dalam pesan ini"),
    reference: "Nomor laporan",
};

pub(super) const MESSAGES: Messages = Messages {
    loading: "Memuat formulir pengaduan…",
    heading: "Sampaikan laporan Anda",
    intro: |regency| format!("Laporan Anda diteruskan ke instansi Pemerintah {regency} yang menanganinya."),
    optional: "(opsional)",

    kind: Question { label: "Jenis laporan", hint: "" },
    kind_pengaduan: Question { label: "Pengaduan", hint: "Ada masalah pada layanan atau fasilitas umum." },
    kind_aspirasi: Question { label: "Aspirasi", hint: "Usulan atau saran untuk pemerintah daerah." },
    kind_informasi: Question {
        label: "Permintaan informasi",
        hint: "Pertanyaan tentang layanan, aturan, atau data pemerintah.",
    },
    title: Question { label: "Judul laporan", hint: "Singkat saja, misalnya: Lampu jalan padam di depan sekolah." },
    description: Question {
        label: "Isi laporan",
        hint: "Ceritakan apa yang terjadi, di mana tepatnya, dan sejak kapan.",
    },
    characters_left: |left| {
        if left >= 0 {
            format!("Anda punya {left} karakter tersisa")
        } else {
            format!("{} karakter terlalu banyak", -left)
        }
    },
    characters_allowed: |max| format!("Anda dapat menulis hingga {max} karakter"),
    incident_date: Question { label: "Tanggal kejadian", hint: "Contoh: 27 3 2026" },
    day: "Tanggal",
    month: "Bulan",
    year: "Tahun",
    location: Question { label: "Lokasi", hint: "" },
    kecamatan: Question { label: "Kecamatan", hint: "" },
    choose_kecamatan: "Pilih kecamatan",
    desa: Question { label: "Desa atau kelurahan", hint: "" },
    choose_desa: "Pilih desa atau kelurahan",
    choose_kecamatan_first: "Pilih kecamatan lebih dulu",
    kelurahan_suffix: "(kelurahan)",
    location_detail: Question { label: "Detail lokasi", hint: "Nama jalan, RT/RW, atau patokan terdekat." },
    agency: Question {
        label: "Instansi tujuan",
        hint: "Jika ragu, pilih \u{201c}Saya tidak tahu\u{201d}: petugas akan meneruskannya.",
    },
    agency_unknown: "Saya tidak tahu",
    attachments: Question { label: "Lampiran", hint: "" },
    attachment_limits: |max_count, max_bytes, types| {
        format!(
            "Foto atau dokumen ({}), paling banyak {max_count} berkas, masing-masing paling besar {}.",
            join_list(&type_names(types), "atau"),
            human_size(max_bytes, Lang::Id)
        )
    },
    remove: "Hapus",
    chosen_files: "Berkas yang dipilih",
    privacy: Question { label: "Privasi", hint: "" },
    anonymous: Question {
        label: "Anonim",
        hint: "Nama dan kontak Anda tidak ditampilkan kepada instansi yang menangani laporan.",
    },
    confidential: Question { label: "Rahasia", hint: "Isi laporan Anda tidak ditampilkan kepada publik." },
    privacy_link: "Cara kami menjaga data pribadi Anda",
    contact: Question { label: "Data diri", hint: "Dipakai petugas untuk menghubungi Anda tentang laporan ini." },
    name: Question { label: "Nama lengkap", hint: "" },
    phone: Question {
        label: "Nomor HP atau WhatsApp",
        hint: "Contoh: 0812 3456 7890. Isi nomor HP atau email, atau keduanya.",
    },
    email: Question { label: "Email", hint: "" },
    nik: Question {
        label: "NIK",
        hint: "16 angka pada KTP. Isi hanya bila urusan Anda memerlukannya, misalnya urusan kependudukan.",
    },
    submit: "Kirim laporan",
    sending: "Mengirim laporan…",

    error_summary_title: "Ada masalah",
    error_prefix: "Kesalahan:",
    field_error,

    not_sent_title: "Laporan belum terkirim",
    not_sent_kept: "Isian Anda masih ada di formulir ini. Coba kirim lagi sebentar lagi.",
    retry: "Coba kirim lagi",
    delivery_offline: "Perangkat Anda tidak dapat terhubung ke server pengaduan. Periksa sinyal atau koneksi internet Anda.",
    delivery_timeout: "Server pengaduan terlalu lama menjawab.",
    delivery_rejected: |reason| match reason {
        Some(reason) => format!("Server pengaduan menolak laporan ini: {reason}"),
        None => "Server pengaduan menolak laporan ini.".to_owned(),
    },
    delivery_server_error: |status| format!("Server pengaduan sedang bermasalah (kode {status})."),
    delivery_unreadable: "Jawaban server pengaduan tidak dapat dibaca, jadi belum pasti laporan Anda diterima.",
    delivery_file_unreadable: |name| {
        format!("Berkas {name} tidak dapat dibaca lagi. Hapus lampiran itu, lalu pilih ulang berkasnya.")
    },

    receipt_title: "Laporan terkirim",
    tracking_number: "Nomor pelacakan",
    receipt_keep: "Simpan nomor ini untuk menanyakan perkembangan laporan Anda.",
    receipt_agency: |agency| format!("Laporan Anda ditujukan kepada {agency}."),
    receipt_no_agency: "Petugas akan meneruskan laporan Anda ke instansi yang berwenang.",
    receipt_summary: "Ringkasan laporan",
    response_promise: |hours| {
        if hours % 24 == 0 && hours > 0 {
            format!("Instansi akan menanggapi paling lambat {}×24 jam.", hours / 24)
        } else {
            format!("Instansi akan menanggapi paling lambat {hours} jam.")
        }
    },
    another_report: "Kirim laporan lain",

    suggestion_title: "Instansi yang menangani",
    suggestion_body: |agency, sure| {
        if sure {
            format!("Menurut isi laporan Anda, laporan ini ditangani oleh {agency}.")
        } else {
            format!("Menurut isi laporan Anda, laporan ini mungkin ditangani oleh {agency}.")
        }
    },
    suggestion_confidence: |sure| if sure { "Keyakinan: tinggi" } else { "Keyakinan: sedang" },
    suggestion_reasons: |words| format!("Karena Anda menulis: {}.", quoted(words, "dan")),
    choose_agency: |agency| format!("Pilih {agency}"),
    chosen: "Sudah dipilih",
    suggestion_alternatives: "Atau mungkin:",
    choose_other_agency: "Pilih instansi lain",
    suggestion_unsure: "Kami belum dapat menebak instansi yang tepat. Pilih sendiri, atau pilih \u{201c}Saya tidak tahu\u{201d} agar petugas yang meneruskan.",
    referral_title: |regency| format!("Bukan kewenangan Pemerintah {regency}"),
    referral_body: |name| format!("Urusan seperti ini ditangani oleh {name}."),
    referral_call: |number| format!("Telepon {number}"),
    referral_site: "Buka situs resminya",
    referral_still_send: "Anda tetap dapat mengirim laporan ini; petugas akan meneruskannya.",
    emergency_title: "Keadaan darurat?",
    emergency_body: "Jika ada bahaya sekarang, jangan menunggu jawaban formulir ini: telepon sekarang, gratis.",
    emergency_call: |number, service| format!("Telepon {number} ({service})"),
    service_general: "darurat",
    service_fire: "pemadam kebakaran",
    service_police: "polisi",
    service_rescue: "SAR",
    service_ambulance: "ambulans",

    config_failed_title: "Formulir pengaduan tidak dapat dimuat",
    config_failed_body: "Maaf, formulir ini sedang bermasalah. Silakan coba lagi nanti atau gunakan saluran pengaduan lain.",
    config_failed_detail: "Keterangan untuk pengelola situs:",

    hand_off: &HAND_OFF,
    hand_off_whatsapp_title: "Kirim lewat WhatsApp",
    hand_off_whatsapp_body: "Instansi ini menerima laporan lewat WhatsApp. Tekan tombol di bawah: WhatsApp terbuka dengan laporan Anda yang sudah tertulis, lalu tekan Kirim di WhatsApp.",
    hand_off_whatsapp_open: "Buka WhatsApp",
    hand_off_email_title: "Kirim lewat email",
    hand_off_email_body: "Instansi ini menerima laporan lewat email. Tekan tombol di bawah: aplikasi email Anda terbuka dengan laporan yang sudah tertulis, lalu kirim emailnya.",
    hand_off_email_open: "Buka aplikasi email",
    hand_off_attach_yourself: |count| {
        format!("Lampirkan sendiri {count} berkas Anda di pesan itu: tautan tidak dapat membawa berkas.")
    },
    hand_off_not_anonymous: "Laporan ini Anda tandai Anonim, tetapi penerima pesan tetap dapat melihat nomor atau alamat pengirimnya.",
    handed_off_title: "Laporan siap dikirim",
    handed_off_body: "Pastikan Anda sudah menekan Kirim di aplikasi yang terbuka. Laporan baru sampai setelah itu.",
    report_number: "Nomor laporan",

    outbox_title: "Laporan Anda di perangkat ini",
    status_sending: "Sedang dikirim…",
    status_sent: |reference| format!("Terkirim. Nomor pelacakan: {reference}"),
    status_waiting_connection: "Menunggu koneksi internet. Laporan tersimpan di perangkat ini dan terkirim otomatis begitu tersambung.",
    status_waiting_retry: |reason, hour, minute| {
        format!("Belum terkirim: {reason} Dicoba lagi otomatis pukul {hour:02}.{minute:02}.")
    },
    status_failed: |reason| format!("Tidak terkirim: {reason}"),
    send_now: "Kirim sekarang",
    edit_report: "Ubah laporan",
    discard_report: "Buang laporan",
    dismiss: "Tutup",
    saved_title: "Laporan tersimpan, belum terkirim",
    saved_body: "Laporan Anda aman di perangkat ini dan terkirim otomatis saat koneksi kembali, juga bila halaman ini ditutup lalu dibuka lagi di perangkat yang sama.",
    temporary_number: "Nomor sementara",
    edit_returned: "Laporan dikembalikan ke formulir. Perbaiki isiannya, lalu kirim lagi.",

    draft_restored: "Isian Anda yang belum terkirim dipulihkan.",
    draft_restored_files: "Lampiran tidak ikut tersimpan; pilih lagi bila perlu.",
    draft_note: "Isian tersimpan otomatis di perangkat ini sampai laporan dikirim.",
    delete_draft: "Hapus isian",
    draft_deleted: "Isian formulir sudah dihapus dari perangkat ini.",
    undo: "Batalkan",

    use_my_location: "Gunakan lokasi saya",
    locating: "Mencari lokasi Anda…",
    location_shared: |lat, long| format!("Titik lokasi Anda ({lat}, {long}) akan dikirim bersama laporan ini."),
    remove_location: "Jangan kirim titik lokasi",
    location_denied: "Izin lokasi tidak diberikan. Tulis saja lokasinya di atas.",
    location_unavailable: "Lokasi Anda tidak dapat ditemukan saat ini. Tulis saja lokasinya di atas.",
    location_unsupported: "Perangkat ini tidak dapat memberi lokasi. Tulis saja lokasinya di atas.",

    preparing_photo: "Menyiapkan foto…",
    photo_scaled: "diperkecil, data lokasi di foto dihapus",
    preview_of: |name| format!("Pratinjau {name}"),

    trap_label: "Jangan isi kolom ini",
    too_fast: "Laporan dikirim terlalu cepat setelah formulir dibuka. Periksa kembali isian Anda, lalu tekan Kirim sekali lagi.",
    trap_filled: "Formulir ini tampaknya diisi oleh program otomatis, jadi tidak dikirim. Muat ulang halaman, lalu isi dan kirim lagi.",
};

fn field_error(error: &FieldError) -> String {
    // `what` follows a verb ("Masukkan judul laporan"); `subject` starts a sentence.
    let (what, subject) = match error.field {
        Field::Kind => ("jenis laporan", "Jenis laporan"),
        Field::Title => ("judul laporan", "Judul laporan"),
        Field::Description => ("isi laporan", "Isi laporan"),
        Field::IncidentDate => ("tanggal kejadian", "Tanggal kejadian"),
        Field::Kecamatan => ("kecamatan", "Kecamatan"),
        Field::Desa => ("desa atau kelurahan", "Desa atau kelurahan"),
        Field::LocationDetail => ("detail lokasi", "Detail lokasi"),
        Field::Agency => ("instansi tujuan", "Instansi tujuan"),
        Field::Attachments => ("lampiran", "Lampiran"),
        Field::Name => ("nama lengkap", "Nama lengkap"),
        Field::Phone => ("nomor HP", "Nomor HP"),
        Field::Email => ("email", "Email"),
        Field::Nik => ("NIK", "NIK"),
    };
    match &error.problem {
        Problem::Missing => match error.field {
            Field::Kind | Field::Kecamatan | Field::Desa | Field::Agency => format!("Pilih {what}"),
            Field::Name => "Masukkan nama lengkap Anda".to_owned(),
            _ => format!("Masukkan {what}"),
        },
        Problem::TooShort { min } => format!("{subject} harus paling sedikit {min} karakter"),
        Problem::TooLong { max } => format!("{subject} harus {max} karakter atau kurang"),
        Problem::DateIncomplete { missing } => {
            let parts: Vec<String> = missing
                .iter()
                .map(|part| match part {
                    DatePart::Day => "tanggal",
                    DatePart::Month => "bulan",
                    DatePart::Year => "tahun",
                })
                .map(String::from)
                .collect();
            format!("Tanggal kejadian harus berisi {}", join_list(&parts, "dan"))
        }
        Problem::YearNotFourDigits => "Tahun harus terdiri dari 4 angka, misalnya 2026".to_owned(),
        Problem::DateNotReal => "Tanggal kejadian harus tanggal yang benar".to_owned(),
        Problem::DateInFuture => "Tanggal kejadian harus hari ini atau sebelumnya".to_owned(),
        Problem::NoWayToReply => "Masukkan nomor HP atau email agar petugas dapat menghubungi Anda".to_owned(),
        Problem::Phone(PhoneProblem::NotANumber) => {
            "Nomor HP hanya boleh berisi angka, misalnya 0812 3456 7890".to_owned()
        }
        Problem::Phone(PhoneProblem::NotIndonesian) => "Masukkan nomor Indonesia yang diawali 08 atau +62".to_owned(),
        Problem::Phone(PhoneProblem::WrongLength) => {
            "Nomor HP terlalu pendek atau terlalu panjang, periksa kembali".to_owned()
        }
        Problem::Email => "Masukkan alamat email yang benar, misalnya nama@contoh.com".to_owned(),
        Problem::Nik(NikProblem::NotDigits) => "NIK hanya boleh berisi angka".to_owned(),
        Problem::Nik(NikProblem::WrongLength) => "NIK harus 16 angka".to_owned(),
        Problem::Nik(NikProblem::UnknownRegion) => "Enam angka pertama NIK harus kode wilayah yang benar".to_owned(),
        Problem::Nik(NikProblem::ImpossibleBirthDate) => {
            "Angka ke-7 sampai ke-12 NIK harus tanggal lahir yang benar".to_owned()
        }
        Problem::Nik(NikProblem::ZeroSerial) => "Empat angka terakhir NIK tidak boleh 0000".to_owned(),
        Problem::NotInList => format!("Pilih {what} dari daftar"),
        Problem::TooManyFiles { max } => format!("Pilih paling banyak {max} berkas"),
        Problem::FileTooLarge { name, max_bytes } => {
            format!("Berkas {name} harus lebih kecil dari {}", human_size(*max_bytes, Lang::Id))
        }
        Problem::FileTypeNotAllowed { name } => format!("Berkas {name} harus berupa foto atau dokumen yang diizinkan"),
        Problem::FileEmpty { name } => format!("Berkas {name} kosong"),
        Problem::FileUnreadable { name } => {
            format!("Foto {name} tidak dapat dibuka. Pilih foto lain, atau kirim dalam format JPG")
        }
    }
}
