# Dokkan storefront — English.
# Keys are area-thing-state. Counts select with PLURAL($count), our CLDR rules (see crates/i18n).

site-name = Dokkan
footer-tagline = Dokkan — your neighbourhood shop, online. Prices in Egyptian pounds, delivery across Egypt.

nav-skip-to-content = Skip to content
nav-categories = Categories
nav-language-switch = العربية
nav-home = Home
nav-breadcrumbs = Breadcrumb

home-title = Shop online in Egypt
home-description = Coffee, kitchenware, clothing, accessories and beauty at fair prices, delivered across Egypt.
home-heading = Everything for your home, in one shop
home-tagline = Hand-picked products at honest prices, delivered to all 27 governorates.
home-categories = Shop by category
home-featured = Featured products

product-count = { PLURAL($count) ->
    [one] { $count } product
   *[other] { $count } products
}
product-quantity = Quantity
product-quantity-decrease = Decrease quantity
product-quantity-increase = Increase quantity
product-related = More from this category

not-found-title = Page not found
not-found-text = We could not find the page you asked for. It may have moved, or the link may be mistyped.
not-found-home = Back to the home page

error-title = Something went wrong
error-internal = We could not load this page. Please try again in a moment.
error-request = Your request could not be completed. Please check your connection and try again.
