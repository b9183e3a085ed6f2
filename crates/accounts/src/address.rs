//! A delivery address in Egypt: the raw form as typed, and the checked address built from it.

use crate::{name::tidy, Governorate, Invalid, PersonName, PhoneNumber};
use serde::{Deserialize, Serialize};

/// The address form exactly as submitted, every field a string, so a refused form can be
/// shown again with what the person typed. `governorate` holds a governorate code.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressInput {
    pub recipient: String,
    pub phone: String,
    pub governorate: String,
    pub city: String,
    pub street: String,
    pub building: String,
    pub floor: String,
    pub apartment: String,
    pub landmark: String,
}

/// Which form field an error belongs to; `as_str` is the field's name in `AddressInput`
/// (and so in the HTML form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AddressField {
    Recipient,
    Phone,
    Governorate,
    City,
    Street,
    Building,
    Floor,
    Apartment,
    Landmark,
}

impl AddressField {
    /// In form order.
    pub const ALL: [AddressField; 9] = [
        AddressField::Recipient,
        AddressField::Phone,
        AddressField::Governorate,
        AddressField::City,
        AddressField::Street,
        AddressField::Building,
        AddressField::Floor,
        AddressField::Apartment,
        AddressField::Landmark,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AddressField::Recipient => "recipient",
            AddressField::Phone => "phone",
            AddressField::Governorate => "governorate",
            AddressField::City => "city",
            AddressField::Street => "street",
            AddressField::Building => "building",
            AddressField::Floor => "floor",
            AddressField::Apartment => "apartment",
            AddressField::Landmark => "landmark",
        }
    }
}

// Limits in characters. Egyptian addresses lean on a landmark ("behind the mosque") more
// than on numbers, so street and landmark get the room; floor and apartment are short
// tokens ("3", "ground", "الأرضي").
const CITY_MAX: usize = 100;
const STREET_MAX: usize = 200;
const BUILDING_MAX: usize = 50;
const FLOOR_MAX: usize = 20;
const APARTMENT_MAX: usize = 20;
const LANDMARK_MAX: usize = 200;

/// A checked address. `city`, `street` and `building` are non-empty and tidied (trimmed,
/// whitespace collapsed); the optional parts are `None` rather than empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub recipient: PersonName,
    pub phone: PhoneNumber,
    pub governorate: Governorate,
    pub city: String,
    pub street: String,
    pub building: String,
    pub floor: Option<String>,
    pub apartment: Option<String>,
    pub landmark: Option<String>,
}

impl Address {
    /// Checks every field and reports every problem at once, in form order, so the person
    /// fixes the whole form in one go instead of one error per submit.
    pub fn parse(input: &AddressInput) -> Result<Address, Vec<(AddressField, Invalid)>> {
        let mut errors = Vec::new();
        let mut check = Collector(&mut errors);
        let recipient = check.take(AddressField::Recipient, PersonName::parse(&input.recipient));
        let phone = check.take(AddressField::Phone, PhoneNumber::parse(&input.phone));
        let governorate = check.take(AddressField::Governorate, governorate(&input.governorate));
        let city = check.take(AddressField::City, required(&input.city, CITY_MAX));
        let street = check.take(AddressField::Street, required(&input.street, STREET_MAX));
        let building = check.take(
            AddressField::Building,
            required(&input.building, BUILDING_MAX),
        );
        let floor = check.take(AddressField::Floor, optional(&input.floor, FLOOR_MAX));
        let apartment = check.take(
            AddressField::Apartment,
            optional(&input.apartment, APARTMENT_MAX),
        );
        let landmark = check.take(
            AddressField::Landmark,
            optional(&input.landmark, LANDMARK_MAX),
        );

        match (
            recipient,
            phone,
            governorate,
            city,
            street,
            building,
            floor,
            apartment,
            landmark,
        ) {
            (
                Some(recipient),
                Some(phone),
                Some(governorate),
                Some(city),
                Some(street),
                Some(building),
                Some(floor),
                Some(apartment),
                Some(landmark),
            ) if errors.is_empty() => Ok(Address {
                recipient,
                phone,
                governorate,
                city,
                street,
                building,
                floor,
                apartment,
                landmark,
            }),
            _ => Err(errors),
        }
    }

    /// The form filled in with this address, for editing it.
    pub fn to_input(&self) -> AddressInput {
        AddressInput {
            recipient: self.recipient.as_str().to_owned(),
            phone: self.phone.as_str().to_owned(),
            governorate: self.governorate.code().to_owned(),
            city: self.city.clone(),
            street: self.street.clone(),
            building: self.building.clone(),
            floor: self.floor.clone().unwrap_or_default(),
            apartment: self.apartment.clone().unwrap_or_default(),
            landmark: self.landmark.clone().unwrap_or_default(),
        }
    }
}

/// Keeps the value of a field that passed and files the reason of one that did not.
struct Collector<'a>(&'a mut Vec<(AddressField, Invalid)>);

impl Collector<'_> {
    fn take<T>(&mut self, field: AddressField, result: Result<T, Invalid>) -> Option<T> {
        result.map_err(|reason| self.0.push((field, reason))).ok()
    }
}

/// An empty choice is "you did not pick one", which reads better than "unknown".
fn governorate(code: &str) -> Result<Governorate, Invalid> {
    if code.trim().is_empty() {
        return Err(Invalid::Required);
    }
    Governorate::from_code(code)
}

fn required(text: &str, max: usize) -> Result<String, Invalid> {
    optional(text, max)?.ok_or(Invalid::Required)
}

fn optional(text: &str, max: usize) -> Result<Option<String>, Invalid> {
    let text = tidy(text);
    if text.is_empty() {
        Ok(None)
    } else if text.chars().count() > max {
        Err(Invalid::TooLong)
    } else {
        Ok(Some(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> AddressInput {
        AddressInput {
            recipient: "  Nour   Hassan ".into(),
            phone: "٠١٠ ١٢٣٤ ٥٦٧٨".into(),
            governorate: "giza".into(),
            city: " 6th of  October ".into(),
            street: "Central Axis".into(),
            building: "12B".into(),
            floor: "3".into(),
            apartment: " ".into(),
            landmark: "Behind Mall of Arabia".into(),
        }
    }

    fn errors_of(input: &AddressInput) -> Vec<(AddressField, Invalid)> {
        Address::parse(input).expect_err("expected errors")
    }

    #[test]
    fn parses_and_tidies() {
        let address = Address::parse(&good()).unwrap();
        assert_eq!(address.recipient.as_str(), "Nour Hassan");
        assert_eq!(address.phone.as_str(), "01012345678");
        assert_eq!(address.governorate, Governorate::Giza);
        assert_eq!(address.city, "6th of October");
        assert_eq!(address.street, "Central Axis");
        assert_eq!(address.building, "12B");
        assert_eq!(address.floor.as_deref(), Some("3"));
        assert_eq!(address.apartment, None);
        assert_eq!(address.landmark.as_deref(), Some("Behind Mall of Arabia"));
    }

    #[test]
    fn to_input_round_trips() {
        let address = Address::parse(&good()).unwrap();
        let input = address.to_input();
        assert_eq!(input.apartment, "");
        assert_eq!(input.governorate, "giza");
        assert_eq!(input.phone, "01012345678");
        assert_eq!(Address::parse(&input), Ok(address.clone()));
        let json = serde_json::to_string(&address).unwrap();
        assert_eq!(serde_json::from_str::<Address>(&json).unwrap(), address);
    }

    #[test]
    fn input_fields_default_when_missing() {
        let input: AddressInput = serde_json::from_str(r#"{"city":"Tanta"}"#).unwrap();
        assert_eq!(input.city, "Tanta");
        assert_eq!(input.recipient, "");
    }

    /// Spoils one field of a good form.
    type Breaker = fn(&mut AddressInput);

    #[test]
    fn each_field_error() {
        let cases: Vec<(Breaker, AddressField, Invalid)> = vec![
            (
                |i| i.recipient = " ".into(),
                AddressField::Recipient,
                Invalid::Required,
            ),
            (
                |i| i.recipient = "x".repeat(101),
                AddressField::Recipient,
                Invalid::TooLong,
            ),
            (
                |i| i.phone = "".into(),
                AddressField::Phone,
                Invalid::Required,
            ),
            (
                |i| i.phone = "0223456789".into(),
                AddressField::Phone,
                Invalid::PhoneFormat,
            ),
            (
                |i| i.governorate = " ".into(),
                AddressField::Governorate,
                Invalid::Required,
            ),
            (
                |i| i.governorate = "gizah".into(),
                AddressField::Governorate,
                Invalid::GovernorateUnknown,
            ),
            (
                |i| i.city = "".into(),
                AddressField::City,
                Invalid::Required,
            ),
            (
                |i| i.city = "c".repeat(101),
                AddressField::City,
                Invalid::TooLong,
            ),
            (
                |i| i.street = "\t".into(),
                AddressField::Street,
                Invalid::Required,
            ),
            (
                |i| i.street = "s".repeat(201),
                AddressField::Street,
                Invalid::TooLong,
            ),
            (
                |i| i.building = "".into(),
                AddressField::Building,
                Invalid::Required,
            ),
            (
                |i| i.building = "b".repeat(51),
                AddressField::Building,
                Invalid::TooLong,
            ),
            (
                |i| i.floor = "f".repeat(21),
                AddressField::Floor,
                Invalid::TooLong,
            ),
            (
                |i| i.apartment = "a".repeat(21),
                AddressField::Apartment,
                Invalid::TooLong,
            ),
            (
                |i| i.landmark = "l".repeat(201),
                AddressField::Landmark,
                Invalid::TooLong,
            ),
        ];
        for (break_it, field, reason) in cases {
            let mut input = good();
            break_it(&mut input);
            assert_eq!(
                errors_of(&input),
                vec![(field, reason)],
                "{}",
                field.as_str()
            );
        }
    }

    #[test]
    fn limits_are_inclusive_and_count_chars() {
        let mut input = good();
        input.city = "م".repeat(100);
        input.street = "ش".repeat(200);
        input.building = "ع".repeat(50);
        input.floor = "ط".repeat(20);
        input.apartment = "ش".repeat(20);
        input.landmark = "ج".repeat(200);
        assert!(Address::parse(&input).is_ok());
    }

    #[test]
    fn optional_fields_empty_become_none() {
        let mut input = good();
        input.floor = String::new();
        input.apartment = "   ".into();
        input.landmark = "\n".into();
        let address = Address::parse(&input).unwrap();
        assert_eq!(
            (address.floor, address.apartment, address.landmark),
            (None, None, None)
        );
    }

    #[test]
    fn every_error_reported_together_in_form_order() {
        let input = AddressInput {
            floor: "x".repeat(21),
            apartment: "y".repeat(21),
            landmark: "z".repeat(201),
            ..AddressInput::default()
        };
        assert_eq!(
            errors_of(&input),
            vec![
                (AddressField::Recipient, Invalid::Required),
                (AddressField::Phone, Invalid::Required),
                (AddressField::Governorate, Invalid::Required),
                (AddressField::City, Invalid::Required),
                (AddressField::Street, Invalid::Required),
                (AddressField::Building, Invalid::Required),
                (AddressField::Floor, Invalid::TooLong),
                (AddressField::Apartment, Invalid::TooLong),
                (AddressField::Landmark, Invalid::TooLong),
            ]
        );

        let mut input = good();
        input.phone = "123".into();
        input.governorate = "mars".into();
        input.landmark = "l".repeat(201);
        assert_eq!(
            errors_of(&input),
            vec![
                (AddressField::Phone, Invalid::PhoneFormat),
                (AddressField::Governorate, Invalid::GovernorateUnknown),
                (AddressField::Landmark, Invalid::TooLong),
            ]
        );
    }

    #[test]
    fn field_names_match_the_form() {
        let names: Vec<_> = AddressField::ALL.map(AddressField::as_str).into();
        assert_eq!(
            names,
            [
                "recipient",
                "phone",
                "governorate",
                "city",
                "street",
                "building",
                "floor",
                "apartment",
                "landmark"
            ]
        );
        let json = serde_json::to_value(AddressInput::default()).unwrap();
        for field in AddressField::ALL {
            assert!(json.get(field.as_str()).is_some(), "{}", field.as_str());
            assert_eq!(
                serde_json::to_string(&field).unwrap(),
                format!("\"{}\"", field.as_str())
            );
        }
    }
}
