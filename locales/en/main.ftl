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
home-featured = New arrivals

product-count = { PLURAL($count) ->
    [one] { $count } product
   *[other] { $count } products
}
product-quantity = Quantity
product-quantity-decrease = Decrease quantity
product-quantity-increase = Increase quantity
product-related = More from this category

home-deals = Deals
listing-count = { PLURAL($count) ->
    [zero] No products
    [one] 1 product
   *[other] { $count } products
}
listing-empty = Nothing matches these filters. Try removing one, or search for something else.
filters-heading = Filter
filters-categories = Categories
filters-price = Price (EGP)
filters-price-min = From
filters-price-max = To
filters-in-stock = In stock only
filters-apply = Apply
filters-clear = Clear filters
sort-label = Sort by
sort-relevance = Best match
sort-price-asc = Price: low to high
sort-price-desc = Price: high to low
sort-newest = Newest
pager-label = Pages
pager-previous = Previous
pager-next = Next
pager-page = Page { $count }
search-label = Search products
search-placeholder = Search for products…
search-submit = Search
search-suggestions-count = Suggestions available. Use the up and down arrows to choose one.
search-heading = Results for “{ $query }”
search-heading-empty = Search
search-partial = No product has all of these words; these have most of them.
search-description = Search the shop in English or Arabic.
param-page-title = This address has a problem
param-page-reset = Show the page without filters
product-sale = Sale
product-sold-out = Sold out
product-out-of-stock = Out of stock
product-in-stock = In stock
product-stock-low = { PLURAL($count) ->
    [one] Only 1 left
   *[other] Only { $count } left
}
product-sku = SKU:
product-show-variant = Show this option
product-was-price = Was

not-found-title = Page not found
not-found-text = We could not find the page you asked for. It may have moved, or the link may be mistyped.
not-found-home = Back to the home page

error-title = Something went wrong
error-internal = We could not load this page. Please try again in a moment.
error-request = Your request could not be completed. Please check your connection and try again.
error-unauthorized = Please sign in to continue.
error-forbidden = You do not have access to this.
error-not-found = We could not find that.
error-form = Please check the form.

# API parameters ($name is the parameter as sent, e.g. page).
param-invalid = “{ $name }” has a value that cannot be used.
param-out-of-range = “{ $name }” must be a whole number from { $min } to { $max }.
param-too-long = “{ $name }” is too long.
param-min-above-max = The minimum price is above the maximum price.
param-unknown = “{ $name }” is not a parameter this address takes.
param-too-many = Too many filter values: at most { $max } can be combined.

nav-sign-in = Sign in
nav-sign-out = Sign out
nav-admin = Admin

form-pending = Please wait…
form-saved = Saved.
form-save = Save
form-fix-errors = Please correct the highlighted fields.

invalid-required = This field is required.
invalid-too-long = This is too long.
invalid-email = Enter an email address like name@example.com.
invalid-password-short = Use at least 8 characters.
invalid-password-long = Use at most 128 characters.
invalid-password-common = This password is too common and easy to guess. Choose another.
invalid-phone = Enter an Egyptian mobile number: 11 digits starting with 010, 011, 012 or 015.
invalid-governorate = Choose a governorate from the list.
invalid-number = Enter a valid number.

account-description = Your Dokkan account: orders, profile and addresses.
account-title = My account
account-welcome = Welcome to Dokkan! We sent you an email to confirm your address.
account-email = Email
account-name = Full name
account-password = Password
account-new-password = New password
account-current-password = Current password
account-password-hint = At least 8 characters. Avoid common passwords.
account-phone-optional = Mobile number (optional)
account-phone-hint = Egyptian mobile, e.g. 010 1234 5678.
account-preferred-language = Preferred language
account-sign-in-title = Sign in
account-sign-in-submit = Sign in
account-sign-in-link = Already have an account? Sign in
account-sign-in-failed = Wrong email or password.
account-too-many-attempts = Too many failed sign-in attempts. Please wait 15 minutes, or reset your password.
account-forgot-link = Forgot your password?
account-register-link = Create an account
account-register-title = Create your account
account-register-submit = Create account
account-email-taken = An account with this email already exists. Sign in or reset your password.
account-forgot-title = Reset your password
account-forgot-text = Enter your account's email and we will send you a link to choose a new password.
account-forgot-submit = Send reset link
account-reset-sent = If an account exists for that email, a reset link is on its way. It works once, for one hour.
account-reset-title = Choose a new password
account-reset-submit = Save new password
account-reset-link-invalid = This reset link has expired or was already used. Ask for a new one.
account-forgot-again = Ask for a new link
account-reset-done = Your password was changed. Please sign in with the new one.
account-verify-title = Confirm your email
account-verify-done = Thank you! Your email address is confirmed.
account-verify-invalid = This confirmation link has expired or was already used.
account-go-to-account = Go to my account
account-email-status = Email status
account-email-verified = Confirmed
account-email-unverified = Not confirmed yet: check your inbox for our email.
account-addresses-link = My addresses
account-profile-heading = Profile
account-profile-saved = Your profile was saved.
account-password-heading = Change password
account-password-others-signed-out = Changing your password signs you out on every other device.
account-password-submit = Change password
account-password-saved = Your password was changed. Other devices were signed out.
account-current-password-wrong = Your current password is not correct.
account-address-book-full = Your address book is full. Delete an address first.
account-back = Back to my account

address-book-title = My addresses
address-add = Add an address
address-add-title = New address
address-edit-title = Edit address
address-none = You have no saved addresses yet.
address-saved = The address was saved.
address-deleted = The address was deleted.
address-default = Default
address-edit = Edit
address-delete = Delete
address-make-default = Use as my default address
address-save = Save address
address-back = Back to my addresses
address-recipient = Recipient's name
address-phone = Recipient's mobile
address-governorate = Governorate
address-governorate-choose = Choose a governorate
address-city = City or area
address-street = Street
address-building = Building
address-floor = Floor
address-apartment = Apartment
address-landmark = Landmark (optional)
address-landmark-hint = Something near you that helps the courier, e.g. "next to the pharmacy".

admin-title = Admin
admin-coming = The admin console is being built. Here is the shop at a glance.
admin-customers = Customers
admin-staff = Staff and admins
admin-products = Products

forbidden-title = Access denied
forbidden-text = This page is only for the shop's staff.

mail-verify-email-subject = Confirm your email for Dokkan
mail-verify-email-body =
    Hello { $name },

    Welcome to Dokkan. Please confirm your email address by opening this link:

    { $link }

    The link works once, within 48 hours. If you did not create an account, ignore this email.
mail-password-reset-subject = Reset your Dokkan password
mail-password-reset-body =
    Hello { $name },

    Someone asked to reset the password of your Dokkan account. To choose a new password, open this link:

    { $link }

    The link works once, within one hour. If it was not you, ignore this email: your password stays the same.
error-cross-site = This request came from another website and was refused.

# Language names are written in their own language, in both files.
language-name-ar = العربية
language-name-en = English
list-separator = { ", " }
