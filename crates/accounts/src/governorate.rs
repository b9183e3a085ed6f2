//! Egypt's 27 governorates, with stable codes for storage and names in both languages.

use crate::Invalid;
use dokkan_core::Locale;
use serde::{Deserialize, Serialize};

/// Serialized as its code, which is also what the database and forms hold: the codes are a
/// stored format and must never change, while the names may be re-spelled freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Governorate {
    Cairo,
    Giza,
    Alexandria,
    Qalyubia,
    PortSaid,
    Suez,
    Damietta,
    Dakahlia,
    Sharqia,
    KafrElSheikh,
    Gharbia,
    Monufia,
    Beheira,
    Ismailia,
    BeniSuef,
    Faiyum,
    Minya,
    Asyut,
    Sohag,
    Qena,
    Luxor,
    Aswan,
    RedSea,
    NewValley,
    Matrouh,
    NorthSinai,
    SouthSinai,
}

use Governorate::*;

impl Governorate {
    /// Greater Cairo first, then roughly north to south, so a drop-down in this order puts
    /// the most-used choices on top.
    pub const ALL: [Governorate; 27] = [
        Cairo,
        Giza,
        Alexandria,
        Qalyubia,
        PortSaid,
        Suez,
        Damietta,
        Dakahlia,
        Sharqia,
        KafrElSheikh,
        Gharbia,
        Monufia,
        Beheira,
        Ismailia,
        BeniSuef,
        Faiyum,
        Minya,
        Asyut,
        Sohag,
        Qena,
        Luxor,
        Aswan,
        RedSea,
        NewValley,
        Matrouh,
        NorthSinai,
        SouthSinai,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Cairo => "cairo",
            Giza => "giza",
            Alexandria => "alexandria",
            Qalyubia => "qalyubia",
            PortSaid => "port-said",
            Suez => "suez",
            Damietta => "damietta",
            Dakahlia => "dakahlia",
            Sharqia => "sharqia",
            KafrElSheikh => "kafr-el-sheikh",
            Gharbia => "gharbia",
            Monufia => "monufia",
            Beheira => "beheira",
            Ismailia => "ismailia",
            BeniSuef => "beni-suef",
            Faiyum => "faiyum",
            Minya => "minya",
            Asyut => "asyut",
            Sohag => "sohag",
            Qena => "qena",
            Luxor => "luxor",
            Aswan => "aswan",
            RedSea => "red-sea",
            NewValley => "new-valley",
            Matrouh => "matrouh",
            NorthSinai => "north-sinai",
            SouthSinai => "south-sinai",
        }
    }

    /// Exact codes only (surrounding whitespace and letter case forgiven): these come from
    /// our own `<select>` or our own database, so anything else is a bug or tampering.
    pub fn from_code(code: &str) -> Result<Governorate, Invalid> {
        let code = code.trim();
        Governorate::ALL
            .into_iter()
            .find(|g| g.code().eq_ignore_ascii_case(code))
            .ok_or(Invalid::GovernorateUnknown)
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Cairo => "Cairo",
            Giza => "Giza",
            Alexandria => "Alexandria",
            Qalyubia => "Qalyubia",
            PortSaid => "Port Said",
            Suez => "Suez",
            Damietta => "Damietta",
            Dakahlia => "Dakahlia",
            Sharqia => "Sharqia",
            KafrElSheikh => "Kafr El Sheikh",
            Gharbia => "Gharbia",
            Monufia => "Monufia",
            Beheira => "Beheira",
            Ismailia => "Ismailia",
            BeniSuef => "Beni Suef",
            Faiyum => "Faiyum",
            Minya => "Minya",
            Asyut => "Asyut",
            Sohag => "Sohag",
            Qena => "Qena",
            Luxor => "Luxor",
            Aswan => "Aswan",
            RedSea => "Red Sea",
            NewValley => "New Valley",
            Matrouh => "Matrouh",
            NorthSinai => "North Sinai",
            SouthSinai => "South Sinai",
        }
    }

    pub fn name_ar(self) -> &'static str {
        match self {
            Cairo => "القاهرة",
            Giza => "الجيزة",
            Alexandria => "الإسكندرية",
            Qalyubia => "القليوبية",
            PortSaid => "بورسعيد",
            Suez => "السويس",
            Damietta => "دمياط",
            Dakahlia => "الدقهلية",
            Sharqia => "الشرقية",
            KafrElSheikh => "كفر الشيخ",
            Gharbia => "الغربية",
            Monufia => "المنوفية",
            Beheira => "البحيرة",
            Ismailia => "الإسماعيلية",
            BeniSuef => "بني سويف",
            Faiyum => "الفيوم",
            Minya => "المنيا",
            Asyut => "أسيوط",
            Sohag => "سوهاج",
            Qena => "قنا",
            Luxor => "الأقصر",
            Aswan => "أسوان",
            RedSea => "البحر الأحمر",
            NewValley => "الوادي الجديد",
            Matrouh => "مطروح",
            NorthSinai => "شمال سيناء",
            SouthSinai => "جنوب سيناء",
        }
    }

    pub fn name(self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.name_en(),
            Locale::Ar => self.name_ar(),
        }
    }
}

impl TryFrom<String> for Governorate {
    type Error = Invalid;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Governorate::from_code(&value)
    }
}

impl From<Governorate> for String {
    fn from(value: Governorate) -> Self {
        value.code().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn twenty_seven_distinct_everything() {
        let variants: HashSet<_> = Governorate::ALL.into_iter().collect();
        let codes: HashSet<_> = Governorate::ALL.map(Governorate::code).into();
        let en: HashSet<_> = Governorate::ALL.map(Governorate::name_en).into();
        let ar: HashSet<_> = Governorate::ALL.map(Governorate::name_ar).into();
        assert_eq!(variants.len(), 27);
        assert_eq!(codes.len(), 27);
        assert_eq!(en.len(), 27);
        assert_eq!(ar.len(), 27);
    }

    #[test]
    fn codes_are_lowercase_ascii_with_hyphens() {
        for g in Governorate::ALL {
            let code = g.code();
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{code}"
            );
            assert!(!code.starts_with('-') && !code.ends_with('-') && !code.contains("--"));
        }
    }

    #[test]
    fn code_round_trip() {
        for g in Governorate::ALL {
            assert_eq!(Governorate::from_code(g.code()), Ok(g));
            let json = serde_json::to_string(&g).unwrap();
            assert_eq!(json, format!("\"{}\"", g.code()));
            assert_eq!(serde_json::from_str::<Governorate>(&json).unwrap(), g);
        }
    }

    #[test]
    fn known_codes_and_names() {
        assert_eq!(Governorate::from_code("kafr-el-sheikh"), Ok(KafrElSheikh));
        assert_eq!(Governorate::from_code(" Port-Said "), Ok(PortSaid));
        assert_eq!(PortSaid.name(Locale::En), "Port Said");
        assert_eq!(PortSaid.name(Locale::Ar), "بورسعيد");
        assert_eq!(Alexandria.name_ar(), "الإسكندرية");
        assert_eq!(Luxor.name(Locale::Ar), "الأقصر");
    }

    #[test]
    fn unknown_codes() {
        for bad in [
            "",
            "Cairo City",
            "port said",
            "portsaid",
            "القاهرة",
            "6th-of-october",
        ] {
            assert_eq!(
                Governorate::from_code(bad),
                Err(Invalid::GovernorateUnknown),
                "{bad}"
            );
        }
        assert!(serde_json::from_str::<Governorate>("\"atlantis\"").is_err());
    }
}
