//! The topics the triage model predicts: a fixed, nationwide taxonomy.
//!
//! Part of the pure core. The model says what a complaint is about; each
//! regency's config says which of its own agencies (or which outside body)
//! handles that topic, because the same complaint goes to different offices in
//! different places. Ids are part of the payload and of every config: add new
//! topics at the end, never rename or remove one.

/// A topic, with its stable id. Each variant's doc is the one-line definition
/// used when labelling training data, with examples.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Topic {
    /// Regency roads, bridges, pavements and paving: potholes, a collapsed bridge, broken kerbs.
    RoadsBridges,
    /// Drains, gutters, canals and flooding from blocked drainage: a clogged culvert, standing water after rain.
    Drainage,
    /// Public street lights: a dark street, a flickering lamp, a request for a new pole.
    StreetLighting,
    /// Rubbish collection and disposal, dumps, sanitation: uncollected rubbish, an overflowing dump, burning waste.
    Waste,
    /// Pollution of air, water or soil, noise and smells: factory smoke, a polluted river, a stinking effluent.
    Pollution,
    /// Trees, parks, green spaces and public cemeteries: a tree about to fall, pruning, a neglected park.
    TreesParks,
    /// Piped and clean water supply: no water from the regional water company, a leaking main, dirty tap water.
    CleanWater,
    /// Electricity supply (PLN, outside regency authority): power cuts, meters, bills.
    Electricity,
    /// Civil registration: KTP, KK, birth and death certificates, moving residence.
    CivilRegistry,
    /// Public health services: puskesmas, vaccination, disease control, clinics, health permits.
    HealthServices,
    /// Regional public hospitals (RSUD): waiting times, staff conduct, referrals, fees.
    Hospital,
    /// BPJS health and employment insurance membership and claims (outside regency authority).
    HealthInsurance,
    /// Schools up to junior secondary, teachers, enrolment, school fees and scholarships.
    Education,
    /// Social assistance and welfare: bansos, the poor families register (DTKS), PBI, neglected people.
    SocialAid,
    /// Public order: street vendors in the wrong place, illegal buildings, disturbances, Satpol PP conduct.
    PublicOrder,
    /// Road traffic, parking, traffic lights, signs, road markings and land public transport.
    TrafficParking,
    /// Boats, ferries, ports and jetties: the Ro-Ro ferry, a speedboat service, a broken jetty.
    SeaRiverTransport,
    /// Fires and rescue: fire services, hydrants, fire prevention, rescuing people or animals.
    FireRescue,
    /// Disasters: floods, land and forest fires (karhutla), abrasion, storms, evacuation and relief.
    Disaster,
    /// Permits and licences: business permits, building approval (PBG), one-stop service counters.
    Permits,
    /// Civil servants: conduct, discipline, absence, recruitment and transfers of government employees.
    CivilServants,
    /// Corruption, extortion and illegal levies (pungli) by officials.
    CorruptionLevies,
    /// Government websites and apps, public Wi-Fi, telecommunication towers, public information requests.
    IctInformation,
    /// Housing and settlements: uninhabitable houses (RTLH), public housing, settlement facilities.
    Housing,
    /// Land: certificates, disputes, boundaries, government land assets.
    Land,
    /// Farming, plantations, livestock, animal health and stray animals, fertiliser.
    AgricultureLivestock,
    /// Fishing and fish farming: fishermen's aid, fish seed, fish markets at sea.
    Fisheries,
    /// Markets, trade, prices, small businesses (UMKM) and cooperatives.
    TradeMarkets,
    /// Jobs and labour: vacancies, wages, dismissals, job training, migrant workers.
    Manpower,
    /// Regional taxes: land and building tax (PBB), BPHTB, restaurant and advertising tax.
    LocalTax,
    /// Community and political affairs: religious harmony, civic organisations, research permits, elections.
    SocialPolitics,
    /// Women's and children's protection, family planning and family services.
    WomenChildrenProtection,
    /// Village and ward (desa, kelurahan) and kecamatan administration: RT/RW, village funds, local letters.
    VillageGovernment,
    /// Public libraries and archives.
    LibraryArchives,
    /// Tourism, culture, heritage, youth and sports facilities.
    TourismCultureSports,
    /// Crime and security: theft, drugs, fights, gambling, police conduct (outside regency authority).
    CrimeSecurity,
    /// Anything else, or several things at once: letters to the regent, general feedback.
    Other,
}

impl Topic {
    /// Every topic, in id order (the model's class order).
    pub const ALL: [Topic; 37] = [
        Topic::RoadsBridges,
        Topic::Drainage,
        Topic::StreetLighting,
        Topic::Waste,
        Topic::Pollution,
        Topic::TreesParks,
        Topic::CleanWater,
        Topic::Electricity,
        Topic::CivilRegistry,
        Topic::HealthServices,
        Topic::Hospital,
        Topic::HealthInsurance,
        Topic::Education,
        Topic::SocialAid,
        Topic::PublicOrder,
        Topic::TrafficParking,
        Topic::SeaRiverTransport,
        Topic::FireRescue,
        Topic::Disaster,
        Topic::Permits,
        Topic::CivilServants,
        Topic::CorruptionLevies,
        Topic::IctInformation,
        Topic::Housing,
        Topic::Land,
        Topic::AgricultureLivestock,
        Topic::Fisheries,
        Topic::TradeMarkets,
        Topic::Manpower,
        Topic::LocalTax,
        Topic::SocialPolitics,
        Topic::WomenChildrenProtection,
        Topic::VillageGovernment,
        Topic::LibraryArchives,
        Topic::TourismCultureSports,
        Topic::CrimeSecurity,
        Topic::Other,
    ];

    /// The stable id used in configs, payloads and training labels.
    pub fn code(self) -> &'static str {
        match self {
            Topic::RoadsBridges => "roads_bridges",
            Topic::Drainage => "drainage",
            Topic::StreetLighting => "street_lighting",
            Topic::Waste => "waste",
            Topic::Pollution => "pollution",
            Topic::TreesParks => "trees_parks",
            Topic::CleanWater => "clean_water",
            Topic::Electricity => "electricity",
            Topic::CivilRegistry => "civil_registry",
            Topic::HealthServices => "health_services",
            Topic::Hospital => "hospital",
            Topic::HealthInsurance => "health_insurance",
            Topic::Education => "education",
            Topic::SocialAid => "social_aid",
            Topic::PublicOrder => "public_order",
            Topic::TrafficParking => "traffic_parking",
            Topic::SeaRiverTransport => "sea_river_transport",
            Topic::FireRescue => "fire_rescue",
            Topic::Disaster => "disaster",
            Topic::Permits => "permits",
            Topic::CivilServants => "civil_servants",
            Topic::CorruptionLevies => "corruption_levies",
            Topic::IctInformation => "ict_information",
            Topic::Housing => "housing",
            Topic::Land => "land",
            Topic::AgricultureLivestock => "agriculture_livestock",
            Topic::Fisheries => "fisheries",
            Topic::TradeMarkets => "trade_markets",
            Topic::Manpower => "manpower",
            Topic::LocalTax => "local_tax",
            Topic::SocialPolitics => "social_politics",
            Topic::WomenChildrenProtection => "women_children_protection",
            Topic::VillageGovernment => "village_government",
            Topic::LibraryArchives => "library_archives",
            Topic::TourismCultureSports => "tourism_culture_sports",
            Topic::CrimeSecurity => "crime_security",
            Topic::Other => "other",
        }
    }

    /// # Example
    /// ```
    /// use aduan::triage::Topic;
    /// assert_eq!(Topic::from_code("street_lighting"), Some(Topic::StreetLighting));
    /// assert_eq!(Topic::from_code("lampu"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|topic| topic.code() == code)
    }

    /// The topic's position in [`Topic::ALL`] (the model's class index).
    pub fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_follow_the_class_order() {
        for (index, topic) in Topic::ALL.into_iter().enumerate() {
            assert_eq!(topic.index(), index);
            assert_eq!(Topic::from_code(topic.code()), Some(topic));
        }
        let codes: std::collections::HashSet<_> = Topic::ALL.iter().map(|t| t.code()).collect();
        assert_eq!(codes.len(), 37);
    }

    #[test]
    fn every_topic_is_documented_for_agencies() {
        let docs = include_str!("../../docs/topics.md");
        for topic in Topic::ALL {
            assert!(docs.contains(&format!("| `{}` |", topic.code())), "docs/topics.md lacks {}", topic.code());
        }
    }

    #[test]
    fn the_ids_promised_in_the_issue_are_all_here() {
        let promised = "roads_bridges, drainage, street_lighting, waste, pollution, trees_parks, clean_water, electricity, \
            civil_registry, health_services, hospital, health_insurance, education, social_aid, public_order, \
            traffic_parking, sea_river_transport, fire_rescue, disaster, permits, civil_servants, corruption_levies, \
            ict_information, housing, land, agriculture_livestock, fisheries, trade_markets, manpower, local_tax, \
            social_politics, women_children_protection, village_government, library_archives, \
            tourism_culture_sports, crime_security, other";
        for code in promised.split(',').map(str::trim) {
            assert!(Topic::from_code(code).is_some(), "{code}");
        }
    }
}
