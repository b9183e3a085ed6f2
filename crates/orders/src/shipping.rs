//! Shipping methods and the options a governorate gets (zones and rates are in
//! PostgreSQL, edited by staff).

use crate::ShippingRate;
use dokkan_catalog::Localized;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShippingMethod {
    Standard,
    Express,
}

impl ShippingMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            ShippingMethod::Standard => "standard",
            ShippingMethod::Express => "express",
        }
    }

    pub fn parse(text: &str) -> Option<ShippingMethod> {
        match text {
            "standard" => Some(ShippingMethod::Standard),
            "express" => Some(ShippingMethod::Express),
            _ => None,
        }
    }

    pub fn fluent_key(self) -> &'static str {
        match self {
            ShippingMethod::Standard => "shipping-standard",
            ShippingMethod::Express => "shipping-express",
        }
    }
}

/// One way to ship to a governorate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingOption {
    pub method: ShippingMethod,
    pub zone: Localized,
    pub rate: ShippingRate,
    pub days_min: i16,
    pub days_max: i16,
}
