//! `dokkan-tools generate-catalog`: fills the database with a large, realistic bilingual
//! catalog for benchmarks (`cargo xtask bench --large`). A maintenance tool, never
//! something to run against a shop's real database, so it is not in the `dokkan` binary.
//!
//! The catalog is deterministic for a given `--seed` and product count (each product draws
//! from its own RNG seeded by (seed, index), so parallel jobs do not change the content):
//! 8 top-level categories with 5 leaves each; products combine a brand, a loan-word
//! adjective, a material and a product type in English and Arabic; 1–6 variants with
//! Size/المقاس and Color/اللون options (keys `size`, `color`), compare-at prices on ~15%
//! of products and no stock on ~10% of variants. Creation times spread over two years.
//!
//! Products are written in batches through the catalog's bulk path
//! (`dokkan_catalog::db::bulk`), which builds their search columns like every other
//! write and computes their price and stock summary.

use anyhow::{bail, Context};
use dokkan_catalog::db::bulk::{self, BulkOption, BulkProduct, BulkVariant};
use dokkan_core::Slug;
use rand::{rngs::StdRng, seq::IndexedRandom, Rng, SeedableRng};
use sqlx::PgPool;
use std::time::Instant;

#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// How many products to generate.
    #[arg(long, default_value_t = 100_000)]
    pub products: usize,
    /// Seed of the random generator: the same seed gives the same catalog.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Products per transaction.
    #[arg(long, default_value_t = 2_000)]
    pub batch: usize,
    /// Batches written concurrently (one database connection each).
    #[arg(long, default_value_t = 2)]
    pub jobs: usize,
}

type Pair = (&'static str, &'static str);
/// One variant's (size with its index in the size list, colour).
type Combo = (Option<(usize, Pair)>, Option<Pair>);

#[derive(Clone, Copy)]
enum Sizing {
    /// Size (XS–XXL) and colour.
    Clothing,
    /// Size (EU 36–46) and colour.
    Shoes,
    /// Size (age) and colour.
    Kids,
    /// Size (bed) and colour.
    Bed,
    /// Size (rug dimensions) and colour.
    Rug,
    /// Size (cm) only; the price grows with it.
    Cm,
    /// Size (ml) only; the price grows with it.
    Volume,
    /// Colour only (or no option at all when there is one colour).
    Colour,
    /// One variant, no options.
    Plain,
}

struct Kind {
    name: Pair,
    sizing: Sizing,
    /// Price range in whole pounds.
    price: (u32, u32),
    materials: &'static [Pair],
    adjectives: &'static [Pair],
}

struct Leaf {
    slug: &'static str,
    name: Pair,
    kinds: &'static [Kind],
}

struct Top {
    slug: &'static str,
    name: Pair,
    leaves: &'static [Leaf],
}

const FABRIC: &[Pair] = &[
    ("Cotton", "قطن"),
    ("Linen", "كتان"),
    ("Denim", "جينز"),
    ("Polyester", "بوليستر"),
    ("Viscose", "فيسكوز"),
    ("Wool", "صوف"),
    ("Silk", "حرير"),
    ("Jersey", "جيرسيه"),
    ("Chiffon", "شيفون"),
    ("Fleece", "فليس"),
];
const LEATHER: &[Pair] = &[
    ("Leather", "جلد"),
    ("Suede", "شمواه"),
    ("Canvas", "كانفاس"),
    ("Faux Leather", "جلد صناعي"),
    ("Mesh", "شبك"),
];
const TECH: &[Pair] = &[
    ("Aluminium", "ألومنيوم"),
    ("Silicone", "سيليكون"),
    ("Plastic", "بلاستيك"),
    ("Metal", "معدن"),
];
const KITCHEN: &[Pair] = &[
    ("Stainless Steel", "ستانلس ستيل"),
    ("Ceramic", "سيراميك"),
    ("Glass", "زجاج"),
    ("Porcelain", "بورسلين"),
    ("Granite", "جرانيت"),
    ("Copper", "نحاس"),
    ("Bamboo", "بامبو"),
];
const HOME: &[Pair] = &[
    ("Cotton", "قطن"),
    ("Velvet", "قطيفة"),
    ("Wool", "صوف"),
    ("Jute", "جوت"),
    ("Microfiber", "مايكروفايبر"),
    ("Wood", "خشب"),
    ("Rattan", "راتان"),
];
const SCENT: &[Pair] = &[
    ("Oud", "عود"),
    ("Rose", "ورد"),
    ("Musk", "مسك"),
    ("Vanilla", "فانيليا"),
    ("Amber", "عنبر"),
    ("Jasmine", "ياسمين"),
    ("Sandalwood", "صندل"),
];
const CARE: &[Pair] = &[
    ("Argan", "أرجان"),
    ("Aloe Vera", "صبار"),
    ("Shea Butter", "زبدة الشيا"),
    ("Vitamin C", "فيتامين سي"),
    ("Coconut", "جوز الهند"),
];
const SPORT: &[Pair] = &[
    ("Polyester", "بوليستر"),
    ("Mesh", "شبك"),
    ("Rubber", "مطاط"),
    ("Nylon", "نايلون"),
    ("Neoprene", "نيوبرين"),
];
const TOY: &[Pair] = &[("Wooden", "خشب"), ("Plastic", "بلاستيك"), ("Plush", "قطيفة")];
const NONE: &[Pair] = &[];

// Adjectives are loan words Egyptian shops write the same for every noun, so the Arabic
// names need no gender agreement.
const WEAR: &[Pair] = &[
    ("Classic", "كلاسيك"),
    ("Casual", "كاجوال"),
    ("Slim Fit", "سليم فيت"),
    ("Oversized", "أوفر سايز"),
    ("Basic", "بيسك"),
    ("Premium", "بريميوم"),
    ("Vintage", "فينتدج"),
    ("Modern", "مودرن"),
];
const GEAR: &[Pair] = &[
    ("Classic", "كلاسيك"),
    ("Premium", "بريميوم"),
    ("Modern", "مودرن"),
    ("Pro", "برو"),
    ("Mini", "ميني"),
    ("Max", "ماكس"),
    ("Ultra", "ألترا"),
    ("Smart", "سمارت"),
];
const HOMELY: &[Pair] = &[
    ("Classic", "كلاسيك"),
    ("Modern", "مودرن"),
    ("Deluxe", "ديلوكس"),
    ("Vintage", "فينتدج"),
    ("Handmade", "هاند ميد"),
    ("Premium", "بريميوم"),
    ("Boho", "بوهو"),
];
const GLAM: &[Pair] = &[
    ("Classic", "كلاسيك"),
    ("Luxe", "لوكس"),
    ("Intense", "إنتنس"),
    ("Premium", "بريميوم"),
    ("Royal", "رويال"),
    ("Mini", "ميني"),
];

const fn kind(
    name: Pair,
    sizing: Sizing,
    price: (u32, u32),
    materials: &'static [Pair],
    adjectives: &'static [Pair],
) -> Kind {
    Kind {
        name,
        sizing,
        price,
        materials,
        adjectives,
    }
}

use Sizing::*;

const TREE: &[Top] = &[
    Top {
        slug: "women",
        name: ("Women", "نساء"),
        leaves: &[
            Leaf {
                slug: "women-dresses",
                name: ("Dresses", "فساتين"),
                kinds: &[
                    kind(("Dress", "فستان"), Clothing, (350, 2500), FABRIC, WEAR),
                    kind(
                        ("Maxi Dress", "فستان ماكسي"),
                        Clothing,
                        (450, 2800),
                        FABRIC,
                        WEAR,
                    ),
                    kind(
                        ("Evening Dress", "فستان سهرة"),
                        Clothing,
                        (900, 6000),
                        FABRIC,
                        WEAR,
                    ),
                ],
            },
            Leaf {
                slug: "women-tops",
                name: ("Tops & Blouses", "بلوزات وتوبات"),
                kinds: &[
                    kind(("Blouse", "بلوزة"), Clothing, (180, 900), FABRIC, WEAR),
                    kind(("T-Shirt", "تي شيرت"), Clothing, (150, 600), FABRIC, WEAR),
                    kind(("Tunic", "تونيك"), Clothing, (250, 950), FABRIC, WEAR),
                ],
            },
            Leaf {
                slug: "abayas-hijabs",
                name: ("Abayas & Hijabs", "عبايات وطرح"),
                kinds: &[
                    kind(("Abaya", "عباية"), Clothing, (600, 3500), FABRIC, WEAR),
                    kind(("Hijab", "طرحة"), Colour, (80, 350), FABRIC, WEAR),
                    kind(("Scarf", "إيشارب"), Colour, (90, 400), FABRIC, WEAR),
                ],
            },
            Leaf {
                slug: "womens-shoes",
                name: ("Women's Shoes", "أحذية حريمي"),
                kinds: &[
                    kind(("Sandals", "صندل"), Shoes, (250, 1400), LEATHER, WEAR),
                    kind(("Heels", "كعب عالي"), Shoes, (400, 2200), LEATHER, WEAR),
                    kind(
                        ("Ballerina Flats", "باليرينا"),
                        Shoes,
                        (300, 1200),
                        LEATHER,
                        WEAR,
                    ),
                ],
            },
            Leaf {
                slug: "handbags",
                name: ("Handbags", "شنط حريمي"),
                kinds: &[
                    kind(("Handbag", "شنطة يد"), Colour, (300, 3500), LEATHER, WEAR),
                    kind(
                        ("Crossbody Bag", "شنطة كروس"),
                        Colour,
                        (250, 1800),
                        LEATHER,
                        WEAR,
                    ),
                    kind(("Clutch", "كلاتش"), Colour, (200, 1500), LEATHER, WEAR),
                ],
            },
        ],
    },
    Top {
        slug: "men",
        name: ("Men", "رجالي"),
        leaves: &[
            Leaf {
                slug: "men-tshirts",
                name: ("T-Shirts & Polos", "تيشيرتات وبولو"),
                kinds: &[
                    kind(("T-Shirt", "تي شيرت"), Clothing, (120, 600), FABRIC, WEAR),
                    kind(
                        ("Polo Shirt", "قميص بولو"),
                        Clothing,
                        (200, 800),
                        FABRIC,
                        WEAR,
                    ),
                    kind(
                        ("Tank Top", "فانلة حمالات"),
                        Clothing,
                        (90, 300),
                        FABRIC,
                        WEAR,
                    ),
                ],
            },
            Leaf {
                slug: "men-shirts",
                name: ("Shirts", "قمصان"),
                kinds: &[
                    kind(("Shirt", "قميص"), Clothing, (250, 950), FABRIC, WEAR),
                    kind(
                        ("Formal Shirt", "قميص رسمي"),
                        Clothing,
                        (300, 1200),
                        FABRIC,
                        WEAR,
                    ),
                    kind(
                        ("Overshirt", "أوفرشيرت"),
                        Clothing,
                        (350, 1300),
                        FABRIC,
                        WEAR,
                    ),
                ],
            },
            Leaf {
                slug: "men-trousers",
                name: ("Jeans & Trousers", "جينز وبناطيل"),
                kinds: &[
                    kind(
                        ("Jeans", "بنطلون جينز"),
                        Clothing,
                        (350, 1400),
                        FABRIC,
                        WEAR,
                    ),
                    kind(
                        ("Chinos", "بنطلون تشينو"),
                        Clothing,
                        (300, 1100),
                        FABRIC,
                        WEAR,
                    ),
                    kind(
                        ("Sweatpants", "بنطلون رياضي"),
                        Clothing,
                        (200, 800),
                        FABRIC,
                        WEAR,
                    ),
                ],
            },
            Leaf {
                slug: "mens-shoes",
                name: ("Men's Shoes", "أحذية رجالي"),
                kinds: &[
                    kind(("Sneakers", "كوتشي"), Shoes, (450, 3500), LEATHER, WEAR),
                    kind(("Loafers", "لوفر"), Shoes, (500, 2500), LEATHER, WEAR),
                    kind(("Boots", "بوت"), Shoes, (700, 3800), LEATHER, WEAR),
                ],
            },
            Leaf {
                slug: "galabeyas-loungewear",
                name: ("Galabeyas & Loungewear", "جلابيات وملابس بيت"),
                kinds: &[
                    kind(("Galabeya", "جلابية"), Clothing, (250, 1200), FABRIC, WEAR),
                    kind(("Pajamas", "بيجامة"), Clothing, (200, 900), FABRIC, WEAR),
                    kind(("Robe", "روب"), Clothing, (300, 1100), FABRIC, WEAR),
                ],
            },
        ],
    },
    Top {
        slug: "kids",
        name: ("Kids", "أطفال"),
        leaves: &[
            Leaf {
                slug: "baby-clothes",
                name: ("Baby Clothes", "ملابس بيبي"),
                kinds: &[
                    kind(("Bodysuit", "بادي"), Kids, (90, 350), FABRIC, WEAR),
                    kind(("Romper", "أفرول بيبي"), Kids, (150, 450), FABRIC, WEAR),
                    kind(("Baby Set", "طقم بيبي"), Kids, (200, 650), FABRIC, WEAR),
                ],
            },
            Leaf {
                slug: "girls-clothing",
                name: ("Girls' Clothing", "ملابس بناتي"),
                kinds: &[
                    kind(
                        ("Girls Dress", "فستان بناتي"),
                        Kids,
                        (180, 800),
                        FABRIC,
                        WEAR,
                    ),
                    kind(("Skirt", "جيبة"), Kids, (120, 450), FABRIC, WEAR),
                    kind(("Leggings", "ليجن"), Kids, (80, 300), FABRIC, WEAR),
                ],
            },
            Leaf {
                slug: "boys-clothing",
                name: ("Boys' Clothing", "ملابس ولادي"),
                kinds: &[
                    kind(
                        ("Boys T-Shirt", "تي شيرت ولادي"),
                        Kids,
                        (100, 350),
                        FABRIC,
                        WEAR,
                    ),
                    kind(("Shorts", "شورت"), Kids, (100, 350), FABRIC, WEAR),
                    kind(("Hoodie", "هودي"), Kids, (250, 750), FABRIC, WEAR),
                ],
            },
            Leaf {
                slug: "toys",
                name: ("Toys", "ألعاب"),
                kinds: &[
                    kind(("Building Blocks", "مكعبات"), Plain, (150, 1500), TOY, GEAR),
                    kind(("Doll", "عروسة"), Colour, (150, 900), TOY, GEAR),
                    kind(
                        ("Remote Control Car", "عربية ريموت"),
                        Colour,
                        (350, 2500),
                        TOY,
                        GEAR,
                    ),
                ],
            },
            Leaf {
                slug: "school-bags",
                name: ("School Bags", "شنط مدرسة"),
                kinds: &[
                    kind(
                        ("School Backpack", "شنطة مدرسة"),
                        Colour,
                        (250, 1200),
                        SPORT,
                        GEAR,
                    ),
                    kind(("Lunch Box", "لانش بوكس"), Colour, (80, 350), TOY, GEAR),
                    kind(("Pencil Case", "مقلمة"), Colour, (50, 250), TOY, GEAR),
                ],
            },
        ],
    },
    Top {
        slug: "electronics",
        name: ("Electronics", "إلكترونيات"),
        leaves: &[
            Leaf {
                slug: "headphones",
                name: ("Headphones & Earbuds", "سماعات رأس وأذن"),
                kinds: &[
                    kind(("Headphones", "سماعة رأس"), Colour, (250, 4500), TECH, GEAR),
                    kind(("Earbuds", "سماعة أذن"), Colour, (200, 3500), TECH, GEAR),
                    kind(
                        ("Gaming Headset", "سماعة جيمنج"),
                        Colour,
                        (500, 3000),
                        TECH,
                        GEAR,
                    ),
                ],
            },
            Leaf {
                slug: "phone-cases",
                name: ("Phone Cases", "جرابات موبايل"),
                kinds: &[
                    kind(("Phone Case", "جراب موبايل"), Colour, (60, 400), TECH, GEAR),
                    kind(
                        ("Screen Protector", "اسكرينة حماية"),
                        Plain,
                        (50, 250),
                        NONE,
                        GEAR,
                    ),
                    kind(
                        ("Wallet Case", "جراب محفظة"),
                        Colour,
                        (120, 500),
                        LEATHER,
                        GEAR,
                    ),
                ],
            },
            Leaf {
                slug: "chargers-cables",
                name: ("Chargers & Cables", "شواحن وكابلات"),
                kinds: &[
                    kind(("Fast Charger", "شاحن سريع"), Plain, (150, 900), NONE, GEAR),
                    kind(
                        ("USB-C Cable", "كابل تايب سي"),
                        Colour,
                        (60, 350),
                        TECH,
                        GEAR,
                    ),
                    kind(("Power Bank", "باور بانك"), Colour, (400, 2000), TECH, GEAR),
                ],
            },
            Leaf {
                slug: "smart-watches",
                name: ("Smart Watches", "ساعات ذكية"),
                kinds: &[
                    kind(
                        ("Smart Watch", "ساعة ذكية"),
                        Colour,
                        (700, 9000),
                        TECH,
                        GEAR,
                    ),
                    kind(
                        ("Fitness Band", "سوار رياضي"),
                        Colour,
                        (400, 2500),
                        TECH,
                        GEAR,
                    ),
                    kind(
                        ("Watch Strap", "استيك ساعة"),
                        Colour,
                        (80, 450),
                        LEATHER,
                        GEAR,
                    ),
                ],
            },
            Leaf {
                slug: "speakers",
                name: ("Speakers", "سماعات خارجية"),
                kinds: &[
                    kind(
                        ("Bluetooth Speaker", "سماعة بلوتوث"),
                        Colour,
                        (300, 5000),
                        TECH,
                        GEAR,
                    ),
                    kind(("Soundbar", "ساوند بار"), Plain, (1500, 9000), NONE, GEAR),
                    kind(("Radio", "راديو"), Colour, (250, 1500), TECH, GEAR),
                ],
            },
        ],
    },
    Top {
        slug: "kitchen-dining",
        name: ("Kitchen & Dining", "المطبخ والسفرة"),
        leaves: &[
            Leaf {
                slug: "kettles",
                name: ("Kettles", "غلايات"),
                kinds: &[
                    kind(
                        ("Electric Kettle", "غلاية كهربائية"),
                        Colour,
                        (400, 2500),
                        KITCHEN,
                        HOMELY,
                    ),
                    kind(("Kettle", "غلاية"), Colour, (250, 1200), KITCHEN, HOMELY),
                    kind(("Teapot", "براد شاي"), Colour, (150, 900), KITCHEN, HOMELY),
                ],
            },
            Leaf {
                slug: "mugs-cups",
                name: ("Mugs & Cups", "مجات وأكواب"),
                kinds: &[
                    kind(("Mug", "مج"), Colour, (60, 350), KITCHEN, HOMELY),
                    kind(
                        ("Coffee Cup Set", "طقم فناجين"),
                        Colour,
                        (200, 1200),
                        KITCHEN,
                        HOMELY,
                    ),
                    kind(
                        ("Travel Mug", "مج سفر"),
                        Colour,
                        (150, 700),
                        KITCHEN,
                        HOMELY,
                    ),
                ],
            },
            Leaf {
                slug: "cookware",
                name: ("Cookware", "أدوات الطهي"),
                kinds: &[
                    kind(("Frying Pan", "طاسة"), Cm, (250, 1800), KITCHEN, HOMELY),
                    kind(("Cooking Pot", "حلة"), Cm, (300, 2200), KITCHEN, HOMELY),
                    kind(
                        ("Turkish Coffee Pot", "كنكة"),
                        Cm,
                        (80, 450),
                        KITCHEN,
                        HOMELY,
                    ),
                ],
            },
            Leaf {
                slug: "tableware",
                name: ("Tableware", "أدوات المائدة"),
                kinds: &[
                    kind(
                        ("Dinner Set", "طقم سفرة"),
                        Colour,
                        (800, 6000),
                        KITCHEN,
                        HOMELY,
                    ),
                    kind(
                        ("Cutlery Set", "طقم معالق"),
                        Plain,
                        (250, 1800),
                        KITCHEN,
                        HOMELY,
                    ),
                    kind(
                        ("Serving Tray", "صينية تقديم"),
                        Colour,
                        (150, 1200),
                        KITCHEN,
                        HOMELY,
                    ),
                ],
            },
            Leaf {
                slug: "small-appliances",
                name: ("Small Appliances", "أجهزة صغيرة"),
                kinds: &[
                    kind(("Blender", "خلاط"), Colour, (700, 4500), KITCHEN, GEAR),
                    kind(("Toaster", "محمصة خبز"), Colour, (600, 2500), KITCHEN, GEAR),
                    kind(
                        ("Coffee Maker", "ماكينة قهوة"),
                        Colour,
                        (1200, 12000),
                        KITCHEN,
                        GEAR,
                    ),
                ],
            },
        ],
    },
    Top {
        slug: "home-decor",
        name: ("Home Decor", "ديكور المنزل"),
        leaves: &[
            Leaf {
                slug: "bedding",
                name: ("Bedding", "مفارش وملايات"),
                kinds: &[
                    kind(
                        ("Bed Sheet Set", "طقم ملاية"),
                        Bed,
                        (350, 2200),
                        HOME,
                        HOMELY,
                    ),
                    kind(("Duvet Cover", "كفر لحاف"), Bed, (400, 2500), HOME, HOMELY),
                    kind(("Bedspread", "مفرش سرير"), Bed, (500, 3000), HOME, HOMELY),
                ],
            },
            Leaf {
                slug: "lamps-lighting",
                name: ("Lamps & Lighting", "أباجورات وإضاءة"),
                kinds: &[
                    kind(("Table Lamp", "أباجورة"), Colour, (300, 2500), HOME, HOMELY),
                    kind(("Floor Lamp", "لمبادير"), Colour, (800, 4500), HOME, HOMELY),
                    kind(("LED Strip", "شريط ليد"), Plain, (100, 600), NONE, GEAR),
                ],
            },
            Leaf {
                slug: "rugs",
                name: ("Rugs & Carpets", "سجاد وكليم"),
                kinds: &[
                    kind(("Rug", "سجادة"), Rug, (400, 6000), HOME, HOMELY),
                    kind(("Kilim", "كليم"), Rug, (300, 3500), HOME, HOMELY),
                    kind(("Doormat", "دواسة"), Colour, (80, 400), HOME, HOMELY),
                ],
            },
            Leaf {
                slug: "cushions-curtains",
                name: ("Cushions & Curtains", "خداديات وستائر"),
                kinds: &[
                    kind(
                        ("Cushion Cover", "كفر خدادية"),
                        Colour,
                        (80, 450),
                        HOME,
                        HOMELY,
                    ),
                    kind(("Curtain", "ستارة"), Colour, (300, 2200), HOME, HOMELY),
                    kind(
                        ("Throw Blanket", "بطانية كنبة"),
                        Colour,
                        (250, 1500),
                        HOME,
                        HOMELY,
                    ),
                ],
            },
            Leaf {
                slug: "storage",
                name: ("Storage & Organization", "تخزين وتنظيم"),
                kinds: &[
                    kind(
                        ("Storage Box", "صندوق تخزين"),
                        Colour,
                        (100, 800),
                        HOME,
                        HOMELY,
                    ),
                    kind(
                        ("Laundry Basket", "سلة غسيل"),
                        Colour,
                        (120, 700),
                        HOME,
                        HOMELY,
                    ),
                    kind(("Wall Shelf", "رف حائط"), Colour, (200, 1500), HOME, HOMELY),
                ],
            },
        ],
    },
    Top {
        slug: "fragrance-makeup",
        name: ("Fragrance & Makeup", "العطور والمكياج"),
        leaves: &[
            Leaf {
                slug: "perfumes",
                name: ("Perfumes", "برفانات"),
                kinds: &[
                    kind(("Perfume", "برفان"), Volume, (250, 4500), SCENT, GLAM),
                    kind(
                        ("Eau de Parfum", "أو دو بارفان"),
                        Volume,
                        (400, 6000),
                        SCENT,
                        GLAM,
                    ),
                    kind(("Body Mist", "بادي ميست"), Volume, (120, 600), SCENT, GLAM),
                ],
            },
            Leaf {
                slug: "oud-incense",
                name: ("Oud & Incense", "عود وبخور"),
                kinds: &[
                    kind(("Oud Oil", "دهن عود"), Volume, (300, 5000), SCENT, GLAM),
                    kind(("Incense", "بخور"), Plain, (80, 900), SCENT, GLAM),
                    kind(
                        ("Incense Burner", "مبخرة"),
                        Colour,
                        (150, 1500),
                        KITCHEN,
                        HOMELY,
                    ),
                ],
            },
            Leaf {
                slug: "makeup",
                name: ("Makeup", "مكياج"),
                kinds: &[
                    kind(("Lipstick", "روج"), Colour, (80, 700), CARE, GLAM),
                    kind(("Mascara", "ماسكرا"), Colour, (90, 650), CARE, GLAM),
                    kind(("Foundation", "كريم أساس"), Colour, (150, 1200), CARE, GLAM),
                ],
            },
            Leaf {
                slug: "skincare",
                name: ("Skincare", "العناية بالبشرة"),
                kinds: &[
                    kind(("Face Cream", "كريم وش"), Volume, (90, 900), CARE, GLAM),
                    kind(("Sunscreen", "صن بلوك"), Volume, (150, 800), CARE, GLAM),
                    kind(("Face Serum", "سيروم"), Volume, (180, 1500), CARE, GLAM),
                ],
            },
            Leaf {
                slug: "hair-care",
                name: ("Hair Care", "العناية بالشعر"),
                kinds: &[
                    kind(("Shampoo", "شامبو"), Volume, (60, 400), CARE, GLAM),
                    kind(("Hair Oil", "زيت شعر"), Volume, (70, 500), CARE, GLAM),
                    kind(("Hair Dryer", "سشوار"), Colour, (500, 3500), NONE, GEAR),
                ],
            },
        ],
    },
    Top {
        slug: "sports-outdoors",
        name: ("Sports & Outdoors", "الرياضة والرحلات"),
        leaves: &[
            Leaf {
                slug: "running-shoes",
                name: ("Running Shoes", "أحذية جري"),
                kinds: &[
                    kind(
                        ("Running Shoes", "حذاء جري"),
                        Shoes,
                        (600, 4500),
                        SPORT,
                        GEAR,
                    ),
                    kind(
                        ("Running Sneakers", "كوتشي جري"),
                        Shoes,
                        (550, 4000),
                        SPORT,
                        GEAR,
                    ),
                    kind(
                        ("Trail Shoes", "حذاء هايكنج"),
                        Shoes,
                        (900, 5000),
                        SPORT,
                        GEAR,
                    ),
                ],
            },
            Leaf {
                slug: "sportswear",
                name: ("Sportswear", "ملابس رياضية"),
                kinds: &[
                    kind(("Tracksuit", "ترينج"), Clothing, (400, 1800), SPORT, GEAR),
                    kind(
                        ("Sports T-Shirt", "تي شيرت رياضي"),
                        Clothing,
                        (150, 700),
                        SPORT,
                        GEAR,
                    ),
                    kind(
                        ("Sports Leggings", "ليجن رياضي"),
                        Clothing,
                        (200, 900),
                        SPORT,
                        GEAR,
                    ),
                ],
            },
            Leaf {
                slug: "fitness",
                name: ("Fitness Equipment", "أدوات اللياقة"),
                kinds: &[
                    kind(("Dumbbells", "دمبل"), Plain, (200, 3000), SPORT, GEAR),
                    kind(("Yoga Mat", "مات يوجا"), Colour, (150, 900), SPORT, GEAR),
                    kind(("Jump Rope", "حبل نط"), Colour, (60, 300), SPORT, GEAR),
                ],
            },
            Leaf {
                slug: "camping-travel",
                name: ("Camping & Travel", "رحلات وتخييم"),
                kinds: &[
                    kind(("Tent", "خيمة"), Colour, (900, 6000), SPORT, GEAR),
                    kind(
                        ("Sleeping Bag", "سليبنج باج"),
                        Colour,
                        (500, 2500),
                        SPORT,
                        GEAR,
                    ),
                    kind(("Water Bottle", "زمزمية"), Colour, (80, 600), KITCHEN, GEAR),
                ],
            },
            Leaf {
                slug: "sports-bags",
                name: ("Sports Bags", "شنط رياضية"),
                kinds: &[
                    kind(("Gym Bag", "شنطة جيم"), Colour, (250, 1500), SPORT, GEAR),
                    kind(("Backpack", "شنطة ظهر"), Colour, (300, 2000), SPORT, GEAR),
                    kind(("Waist Bag", "شنطة وسط"), Colour, (120, 600), SPORT, GEAR),
                ],
            },
        ],
    },
];

const BRANDS: &[Pair] = &[
    ("Nile", "نايل"),
    ("Delta", "دلتا"),
    ("Sinai", "سيناء"),
    ("Aswan", "أسوان"),
    ("Luxor", "الأقصر"),
    ("Siwa", "سيوة"),
    ("Nefertari", "نفرتاري"),
    ("Lotus", "لوتس"),
    ("Oasis", "واحة"),
    ("Sahara", "صحارى"),
    ("Khan", "خان"),
    ("Bahari", "بحري"),
    ("Horus", "حورس"),
    ("Atlas", "أطلس"),
    ("Falcon", "فالكون"),
    ("Cleo", "كليو"),
    ("Ramses", "رمسيس"),
    ("Tiba", "طيبة"),
    ("Zein", "زين"),
    ("Noor", "نور"),
];

const COLOURS: &[Pair] = &[
    ("Black", "أسود"),
    ("White", "أبيض"),
    ("Red", "أحمر"),
    ("Navy", "كحلي"),
    ("Blue", "أزرق"),
    ("Green", "أخضر"),
    ("Olive", "زيتي"),
    ("Beige", "بيج"),
    ("Grey", "رمادي"),
    ("Brown", "بني"),
    ("Pink", "وردي"),
    ("Yellow", "أصفر"),
    ("Burgundy", "نبيتي"),
    ("Mint", "منت"),
    ("Gold", "ذهبي"),
    ("Silver", "فضي"),
];

const CLOTHING_SIZES: &[Pair] = &[
    ("XS", "XS"),
    ("S", "S"),
    ("M", "M"),
    ("L", "L"),
    ("XL", "XL"),
    ("XXL", "XXL"),
];
const SHOE_SIZES: &[Pair] = &[
    ("36", "٣٦"),
    ("37", "٣٧"),
    ("38", "٣٨"),
    ("39", "٣٩"),
    ("40", "٤٠"),
    ("41", "٤١"),
    ("42", "٤٢"),
    ("43", "٤٣"),
    ("44", "٤٤"),
    ("45", "٤٥"),
    ("46", "٤٦"),
];
const KID_SIZES: &[Pair] = &[
    ("0-3 months", "٠-٣ شهور"),
    ("3-6 months", "٣-٦ شهور"),
    ("6-12 months", "٦-١٢ شهر"),
    ("1-2 years", "١-٢ سنة"),
    ("3-4 years", "٣-٤ سنوات"),
    ("5-6 years", "٥-٦ سنوات"),
    ("7-8 years", "٧-٨ سنوات"),
    ("9-10 years", "٩-١٠ سنوات"),
];
const BED_SIZES: &[Pair] = &[
    ("Single", "سنجل"),
    ("Double", "دبل"),
    ("Queen", "كوين"),
    ("King", "كينج"),
];
const RUG_SIZES: &[Pair] = &[
    ("80x150 cm", "٨٠×١٥٠ سم"),
    ("120x170 cm", "١٢٠×١٧٠ سم"),
    ("160x230 cm", "١٦٠×٢٣٠ سم"),
    ("200x290 cm", "٢٠٠×٢٩٠ سم"),
];
const CM_SIZES: &[Pair] = &[
    ("20 cm", "٢٠ سم"),
    ("24 cm", "٢٤ سم"),
    ("26 cm", "٢٦ سم"),
    ("28 cm", "٢٨ سم"),
    ("32 cm", "٣٢ سم"),
];
const VOLUMES: &[Pair] = &[
    ("30 ml", "٣٠ مل"),
    ("50 ml", "٥٠ مل"),
    ("100 ml", "١٠٠ مل"),
    ("200 ml", "٢٠٠ مل"),
];

const TAGS: &[Pair] = &[
    ("summer", "صيفي"),
    ("winter", "شتوي"),
    ("gift", "هدية"),
    ("eid", "العيد"),
    ("ramadan", "رمضان"),
    ("bestseller", "الأكثر مبيعا"),
    ("new-arrival", "وصل حديثا"),
    ("back-to-school", "العودة للمدارس"),
    ("made-in-egypt", "صنع في مصر"),
    ("eco", "صديق للبيئة"),
];

const SIZE_OPTION: Pair = ("Size", "المقاس");
const COLOUR_OPTION: Pair = ("Color", "اللون");

/// Two years, in seconds: creation times spread over this window before now.
const AGE_WINDOW_SECONDS: f64 = 2.0 * 365.0 * 24.0 * 3600.0;

struct LeafRef {
    top: &'static Top,
    leaf: &'static Leaf,
    id: i64,
}

/// A price in whole pounds the way shops write them: 349, 1,250, 89.
fn shop_price(pounds: f64) -> i64 {
    let pounds = pounds.max(10.0);
    let rounded = if pounds < 100.0 {
        (pounds / 5.0).round() * 5.0
    } else if pounds < 1000.0 {
        (pounds / 10.0).round() * 10.0 - 1.0
    } else {
        (pounds / 50.0).round() * 50.0
    };
    rounded as i64 * 100
}

fn sku_code(kind: &str) -> String {
    let letters: String = kind
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .take(3)
        .collect();
    letters.to_ascii_uppercase()
}

fn product_rng(seed: u64, index: usize) -> StdRng {
    // SplitMix-style spreading, so neighbouring indexes get unrelated streams.
    let mut z = seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    StdRng::seed_from_u64(z ^ (z >> 31))
}

/// A contiguous run of `count` values, somewhere in `all`.
fn run_of(rng: &mut StdRng, all: &'static [Pair], count: usize) -> Vec<(usize, Pair)> {
    let count = count.clamp(1, all.len());
    let start = rng.random_range(0..=all.len() - count);
    (start..start + count).map(|i| (i, all[i])).collect()
}

fn distinct_colours(rng: &mut StdRng, count: usize) -> Vec<Pair> {
    COLOURS
        .choose_multiple(rng, count.min(COLOURS.len()))
        .copied()
        .collect()
}

fn generate_product(seed: u64, index: usize, leaves: &[LeafRef]) -> BulkProduct {
    let mut rng = product_rng(seed, index);
    let leaf = &leaves[rng.random_range(0..leaves.len())];
    let kind = leaf.leaf.kinds.choose(&mut rng).expect("leaves have kinds");
    let brand = *BRANDS.choose(&mut rng).expect("brands");
    // No "Smart Smart Watch": an adjective the product type already says is left out.
    let adjective = if rng.random_bool(0.8) {
        kind.adjectives
            .choose(&mut rng)
            .copied()
            .filter(|a| !kind.name.0.contains(a.0))
    } else {
        None
    };
    let material = if rng.random_bool(0.75) {
        kind.materials.choose(&mut rng).copied()
    } else {
        None
    };

    let mut name_en = vec![brand.0];
    name_en.extend(adjective.map(|a| a.0));
    name_en.extend(material.map(|m| m.0));
    name_en.push(kind.name.0);
    let name_en = name_en.join(" ");
    let mut name_ar = vec![kind.name.1];
    name_ar.extend(material.map(|m| m.1));
    name_ar.extend(adjective.map(|a| a.1));
    let name_ar = format!("{} - {}", name_ar.join(" "), brand.1);

    // Options and the values each variant takes.
    let sizes: Option<&'static [Pair]> = match kind.sizing {
        Clothing => Some(CLOTHING_SIZES),
        Shoes => Some(SHOE_SIZES),
        Kids => Some(KID_SIZES),
        Bed => Some(BED_SIZES),
        Rug => Some(RUG_SIZES),
        Cm => Some(CM_SIZES),
        Volume => Some(VOLUMES),
        Colour | Plain => None,
    };
    let with_colour = matches!(kind.sizing, Clothing | Shoes | Kids | Bed | Rug | Colour);
    let (size_values, colour_values) = match (sizes, with_colour) {
        (Some(all), true) => {
            let n_sizes = rng.random_range(1..=4usize);
            let n_colours = rng.random_range(1..=(6 / n_sizes).min(3));
            (
                run_of(&mut rng, all, n_sizes),
                distinct_colours(&mut rng, n_colours),
            )
        }
        (Some(all), false) => {
            let n_sizes = rng.random_range(1..=3);
            (run_of(&mut rng, all, n_sizes), Vec::new())
        }
        (None, true) => {
            let n_colours = rng.random_range(1..=4);
            // A single colour is often not an option at all.
            if n_colours == 1 && rng.random_bool(0.6) {
                (Vec::new(), Vec::new())
            } else {
                (Vec::new(), distinct_colours(&mut rng, n_colours))
            }
        }
        (None, false) => (Vec::new(), Vec::new()),
    };
    let mut options = Vec::new();
    if !size_values.is_empty() {
        options.push(BulkOption {
            name: owned(SIZE_OPTION),
            key: "size".into(),
        });
    }
    if !colour_values.is_empty() {
        options.push(BulkOption {
            name: owned(COLOUR_OPTION),
            key: "color".into(),
        });
    }

    let base = rng.random_range(kind.price.0..=kind.price.1) as f64;
    let on_sale = rng.random_bool(0.15);
    let discount = rng.random_range(1.15..1.6);
    // Sizes measured in units (ml, cm, rug area) cost more as they grow.
    let grows = matches!(kind.sizing, Volume | Cm | Rug | Bed);
    let code = sku_code(kind.name.0);
    let mut combos: Vec<Combo> = Vec::new();
    match (size_values.is_empty(), colour_values.is_empty()) {
        (true, true) => combos.push((None, None)),
        (false, true) => combos.extend(size_values.iter().map(|&s| (Some(s), None))),
        (true, false) => combos.extend(colour_values.iter().map(|&c| (None, Some(c)))),
        (false, false) => {
            for &s in &size_values {
                for &c in &colour_values {
                    combos.push((Some(s), Some(c)));
                }
            }
        }
    }
    let variants: Vec<BulkVariant> = combos
        .into_iter()
        .enumerate()
        .map(|(position, (size, colour))| {
            let step = size.map(|(i, _)| i as f64).unwrap_or(0.0);
            let pounds = if grows {
                base * (1.0 + 0.4 * step)
            } else {
                base
            };
            let price_minor = shop_price(pounds);
            let compare_at_minor =
                on_sale.then(|| shop_price(pounds * discount).max(price_minor + 1000));
            let stock = if rng.random_bool(0.10) {
                0
            } else {
                rng.random_range(1..=250)
            };
            let mut values = Vec::new();
            values.extend(size.map(|(_, s)| owned(s)));
            values.extend(colour.map(owned));
            BulkVariant {
                sku: format!("{code}-{index:06}-{}", position + 1),
                price_minor,
                compare_at_minor,
                stock,
                values,
            }
        })
        .collect();

    let n_tags = rng.random_range(0..=2);
    let tags: Vec<Pair> = TAGS.choose_multiple(&mut rng, n_tags).copied().collect();
    let (description_en, description_ar) = describe(
        &mut rng,
        kind,
        brand,
        adjective,
        material,
        colour_values.len(),
    );

    let mut handle = Slug::from_title(&name_en)
        .map(|slug| slug.to_string())
        .unwrap_or_else(|_| "product".to_string());
    handle.truncate(80);
    let handle = format!("{}-{index}", handle.trim_end_matches('-'));

    BulkProduct {
        handle,
        category_id: leaf.id,
        category_path: vec![owned(leaf.top.name), owned(leaf.leaf.name)],
        name: (name_en, name_ar),
        description: (description_en, description_ar),
        brand: brand.0.to_string(),
        tags: tags
            .iter()
            .flat_map(|t| [t.0.to_string(), t.1.to_string()])
            .collect(),
        featured: rng.random_bool(0.002),
        published: rng.random_bool(0.97),
        age_seconds: rng.random_range(0.0..AGE_WINDOW_SECONDS).floor(),
        options,
        variants,
    }
}

fn owned(pair: Pair) -> bulk::Pair {
    (pair.0.to_string(), pair.1.to_string())
}

fn describe(
    rng: &mut StdRng,
    kind: &Kind,
    brand: Pair,
    adjective: Option<Pair>,
    material: Option<Pair>,
    colours: usize,
) -> (String, String) {
    let noun_en = kind.name.0.to_lowercase();
    let material_en = material
        .map(|m| format!(" in {}", m.0.to_lowercase()))
        .unwrap_or_default();
    let material_ar = material.map(|m| format!(" {}", m.1)).unwrap_or_default();
    let style_en = adjective
        .map(|a| format!("{} ", a.0.to_lowercase()))
        .unwrap_or_default();
    let style_ar = adjective
        .map(|a| format!(" بتصميم {}", a.1))
        .unwrap_or_default();
    let mut en = vec![match rng.random_range(0..3) {
        0 => format!(
            "A {style_en}{noun_en}{material_en} from {}, made for everyday use.",
            brand.0
        ),
        1 => format!(
            "{}'s {style_en}{noun_en}{material_en}: well made, easy to love.",
            brand.0
        ),
        _ => format!(
            "Our best-loved {noun_en}{material_en}, with a {style_en}finish by {}.",
            brand.0
        ),
    }];
    let mut ar = vec![match rng.random_range(0..3) {
        0 => format!(
            "{}{material_ar}{style_ar} من {}، مناسب للاستخدام اليومي.",
            kind.name.1, brand.1
        ),
        1 => format!(
            "{}{material_ar} من {}{style_ar}، خامة ممتازة وسعر مناسب.",
            kind.name.1, brand.1
        ),
        _ => format!(
            "اختيار عملائنا المفضل: {}{material_ar}{style_ar} من {}.",
            kind.name.1, brand.1
        ),
    }];
    if colours > 1 {
        en.push(format!("Available in {colours} colours."));
        ar.push(format!("متوفر بـ {colours} ألوان."));
    }
    const EXTRAS: &[Pair] = &[
        (
            "Free delivery in Cairo and Giza on orders over 500 EGP.",
            "توصيل مجاني داخل القاهرة والجيزة للطلبات فوق ٥٠٠ جنيه.",
        ),
        ("Easy returns within 14 days.", "استرجاع سهل خلال ١٤ يوم."),
        ("Made in Egypt.", "صناعة مصرية."),
        (
            "Pay cash on delivery or by card.",
            "الدفع كاش عند الاستلام أو بالكارت.",
        ),
        (
            "Carefully packed and shipped within two days.",
            "تغليف محكم وشحن خلال يومين.",
        ),
    ];
    let n_extras = rng.random_range(1..=2);
    for extra in EXTRAS.choose_multiple(rng, n_extras) {
        en.push(extra.0.to_string());
        ar.push(extra.1.to_string());
    }
    (en.join(" "), ar.join(" "))
}

/// Creates (or finds) the category tree; the leaves with their ids.
async fn ensure_categories(pool: &PgPool) -> anyhow::Result<Vec<LeafRef>> {
    let mut tx = pool.begin().await?;
    let mut leaves = Vec::new();
    for (top_position, top) in TREE.iter().enumerate() {
        let top_id = bulk::ensure_category(
            &mut tx,
            &Slug::parse(top.slug)?,
            top.name,
            None,
            100 + top_position as i32,
        )
        .await?;
        for (position, leaf) in top.leaves.iter().enumerate() {
            let id = bulk::ensure_category(
                &mut tx,
                &Slug::parse(leaf.slug)?,
                leaf.name,
                Some(top_id),
                position as i32,
            )
            .await?;
            leaves.push(LeafRef { top, leaf, id });
        }
    }
    tx.commit().await?;
    Ok(leaves)
}

pub async fn run(pool: &PgPool, args: &Args) -> anyhow::Result<()> {
    if args.products == 0 {
        return Ok(());
    }
    let started = Instant::now();
    let leaves = std::sync::Arc::new(ensure_categories(pool).await?);
    println!(
        "{} top-level and {} leaf categories ready",
        TREE.len(),
        leaves.len()
    );
    let first_sku = generate_product(args.seed, 0, &leaves).variants[0]
        .sku
        .clone();
    if bulk::sku_exists(pool, &first_sku).await? {
        bail!(
            "this database already has a generated catalog (SKU {first_sku}); \
             start from a fresh one (`dokkan migrate --fresh`)"
        );
    }

    let skip_summary_trigger = bulk::may_skip_summary_trigger(pool).await?;
    if !skip_summary_trigger {
        println!("(the variant summary trigger stays on: this is slower)");
    }
    let batch = args.batch.max(1);
    let batches = args.products.div_ceil(batch);
    let jobs = args.jobs.clamp(1, 8);
    let done = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    // The first batch goes alone: it adds most of the search vocabulary, which keeps the
    // parallel batches from colliding on new lexicon words, and it is followed by ANALYZE.
    let mut tasks = tokio::task::JoinSet::new();
    for job in 0..jobs {
        let (pool, leaves, done, next) = (pool.clone(), leaves.clone(), done.clone(), next.clone());
        let (seed, total) = (args.seed, args.products);
        let first_alone = job == 0;
        tasks.spawn(async move {
            if !first_alone {
                while done.load(std::sync::atomic::Ordering::SeqCst) == 0 {
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
            }
            loop {
                let b = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if b >= batches {
                    return anyhow::Ok(());
                }
                let range = b * batch..((b + 1) * batch).min(total);
                let products: Vec<BulkProduct> =
                    range.map(|i| generate_product(seed, i, &leaves)).collect();
                bulk::write_products(&pool, &products, skip_summary_trigger)
                    .await
                    .context("writing a batch of products")?;
                if b == 0 {
                    bulk::analyze(&pool).await?;
                }
                let written = done.fetch_add(products.len(), std::sync::atomic::Ordering::SeqCst)
                    + products.len();
                let seconds = started.elapsed().as_secs_f64();
                println!(
                    "  {written:>7} / {total} products  ({seconds:.1} s, {:.0} products/s)",
                    written as f64 / seconds
                );
            }
        });
    }
    while let Some(result) = tasks.join_next().await {
        result.context("a generator job panicked")??;
    }
    let written = started.elapsed();

    // What the summary trigger would have written, checked once for the whole catalog.
    let wrong = bulk::wrong_summaries(pool).await?;
    if wrong > 0 {
        bail!("{wrong} products have a price/stock summary that disagrees with their variants");
    }
    println!("VACUUM ANALYZE …");
    let vacuum_started = Instant::now();
    bulk::vacuum_analyze(pool).await.context("VACUUM ANALYZE")?;
    let (products, variants, terms) = bulk::sizes(pool).await?;
    println!(
        "generated {} products in {:.1} s (+ {:.1} s VACUUM ANALYZE); the catalog now has \
         {products} products, {variants} variants, {terms} search words",
        args.products,
        written.as_secs_f64(),
        vacuum_started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves() -> Vec<LeafRef> {
        TREE.iter()
            .flat_map(|top| top.leaves.iter().map(move |leaf| (top, leaf)))
            .enumerate()
            .map(|(i, (top, leaf))| LeafRef {
                top,
                leaf,
                id: i as i64 + 1,
            })
            .collect()
    }

    #[test]
    fn the_tree_has_forty_leaves_with_valid_unique_slugs() {
        let leaves = leaves();
        assert_eq!(TREE.len(), 8);
        assert_eq!(leaves.len(), 40);
        let mut slugs: Vec<&str> = TREE.iter().map(|t| t.slug).collect();
        slugs.extend(leaves.iter().map(|l| l.leaf.slug));
        for slug in &slugs {
            assert!(Slug::parse(slug).is_ok(), "{slug}");
        }
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 48);
    }

    #[test]
    fn products_are_deterministic_and_well_formed() {
        let leaves = leaves();
        let mut skus = std::collections::HashSet::new();
        let mut on_sale = 0;
        let mut variants = 0;
        let mut out_of_stock = 0;
        for i in 0..2_000 {
            let p: BulkProduct = generate_product(7, i, &leaves);
            let again = generate_product(7, i, &leaves);
            assert_eq!(p.handle, again.handle);
            assert_eq!(p.search_document(), again.search_document());
            assert!(Slug::parse(&p.handle).is_ok(), "{}", p.handle);
            assert!((1..=6).contains(&p.variants.len()), "{}", p.variants.len());
            for v in &p.variants {
                assert!(skus.insert(v.sku.clone()));
                assert_eq!(v.values.len(), p.options.len());
                assert!(v.compare_at_minor.is_none_or(|c| c > v.price_minor));
                out_of_stock += usize::from(v.stock == 0);
            }
            variants += p.variants.len();
            on_sale += usize::from(p.variants[0].compare_at_minor.is_some());
        }
        assert!((200..400).contains(&on_sale), "{on_sale} of 2000 on sale");
        let share = out_of_stock as f64 / variants as f64;
        assert!((0.07..0.13).contains(&share), "{share}");
    }

    #[test]
    fn shop_prices_look_like_prices() {
        assert_eq!(shop_price(87.0), 8_500);
        assert_eq!(shop_price(352.0), 34_900);
        assert_eq!(shop_price(1_234.0), 125_000);
    }
}
