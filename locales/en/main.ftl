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
error-bad-request = This request could not be read. Please reload the page and try again.
error-conflict = This changed in the meantime. Please reload the page and try again.
error-gone = This link has already been used or has expired.
error-too-large = This is too large to send.
error-too-many-requests = Too many attempts. Please wait a while and try again.
error-unavailable = This is not available right now. Please try again in a few minutes.
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

# Mobile: the compact header's menu drawer and the installed app's bottom bar
nav-menu = Menu
nav-menu-close = Close menu
nav-account = Account
nav-search = Search
nav-shortcuts = Shortcuts

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
admin-customers = Customers
admin-staff = Staff and admins
admin-products = Products

forbidden-title = Access denied
forbidden-text = This page is only for the shop's staff.

error-cross-site = This request came from another website and was refused.

# Language names are written in their own language, in both files.
language-name-ar = العربية
language-name-en = English
list-separator = { ", " }

## Cart
cart-title = Cart
cart-empty = Your cart is empty.
cart-continue = Continue shopping
cart-quantity = Quantity
cart-update = Update
cart-remove = Remove
cart-subtotal = Subtotal
cart-shipping-note = Shipping is calculated at checkout from your governorate.
cart-checkout = Checkout
cart-view = View cart
cart-close = Close
cart-add = Add to cart
cart-adding = Adding…
cart-added = Added to your cart.
cart-added-capped = { PLURAL($count) ->
    [one] Only 1 is in stock: your cart now has 1.
   *[other] Only { $count } are in stock: your cart now has { $count }.
}
cart-sold-out = Sorry, this is sold out.
cart-items = { PLURAL($count) ->
    [one] 1 item
   *[other] { $count } items
}
cart-issue-unavailable = No longer available: remove it to check out.
cart-issue-only-left = { PLURAL($count) ->
    [one] Only 1 left: lower the quantity to check out.
   *[other] Only { $count } left: lower the quantity to check out.
}
cart-issue-price-changed = The price changed since you added it (was { $was }).

## Checkout
shop-description = Your cart and orders at Dokkan.
checkout-title = Checkout
checkout-contact = Contact
checkout-phone = Mobile number
checkout-address = Delivery address
checkout-saved-address = Deliver to
checkout-new-address = A new address (below)
checkout-shipping = Shipping
checkout-express-hint = Express (next day) is offered in Greater Cairo, Alexandria and the Delta.
checkout-payment = Payment
checkout-summary = Order summary
checkout-discount-code = Discount code
checkout-apply = Apply
checkout-discount-applied = Code { $code } applied.
checkout-discount = Discount
checkout-shipping-cost = Shipping
checkout-total = Total
checkout-free-shipping = Free
checkout-choose-governorate = Choose your governorate
checkout-place-order = Place order
checkout-placing = Placing your order…
checkout-choose-shipping = Choose a shipping method.
checkout-choose-payment = Choose how to pay.
checkout-no-shipping = This shipping method is not available for your governorate.
checkout-expired = This checkout page has expired. Reload it and try again.
checkout-cart-empty = Your cart is empty: there is nothing to order.
checkout-cart-changed = Your cart changed since this page was opened. Please review it and place the order again.
checkout-sold-out = Sorry, “{ $name }” sold out while you were checking out. Nothing was ordered: please review your cart.
checkout-key-reused = This order form was already used for a different order. Reload the page to start a new one.
shipping-standard = Standard delivery
shipping-express = Express delivery (next day)
payment-method-cod = Cash on delivery
payment-method-card = Card (on a secure payment page)
payment-description = Dokkan order { $number }
discount-unknown = This code does not exist.
discount-not-started = This code is not valid yet.
discount-expired = This code has expired.
discount-below-minimum = This code needs a subtotal of at least { $minimum }.
discount-used-up = This code has been fully used.
discount-already-used = You have already used this code.
invalid-quantity = Enter a quantity from 1 to 99.
invalid-order-number = Order numbers look like DK-12345678.
invalid-discount-code = Not a valid discount code.

## Orders
order-title = Order
order-heading = Order { $number }
order-status = Status:
order-status-pending-payment = Awaiting payment
order-status-placed = Placed
order-status-paid = Paid
order-status-processing = Being prepared
order-status-shipped = Shipped
order-status-delivered = Delivered
order-status-cancelled = Cancelled
order-status-refunded = Refunded
order-status-partially-refunded = Partly refunded
order-event-payment-succeeded = Payment received
order-event-payment-expired = Payment window passed
order-event-start-processing = Start preparing
order-event-ship = Ship
order-event-deliver = Mark delivered
order-event-cancel = Cancel
order-event-refund-full = Refund in full
order-event-refund-partial = Refund part
order-event-payment-collected = Cash collected on delivery
order-event-late-payment = Payment arrived after the order was cancelled: to be refunded
order-transition-illegal = This order cannot do that in its current state.
order-placed-notice = Thank you! Your order is placed. A confirmation is on its way to your email.
order-cancelled-notice = Your order is cancelled.
order-payment-waiting = We are waiting for the payment provider to confirm your payment. This page updates by itself.
order-payment-cod-due = to pay on delivery
order-payment-card-pending = not paid yet
order-payment-paid = paid
order-pay-now = Pay now
order-pay-unavailable = The payment page cannot be reached right now. Please try again in a minute.
order-tracking = Tracking number:
order-items = Items
order-item = Item
order-line-total = Total
order-refunded = Refunded
order-ship-to = Delivery
order-timeline = History
order-cancel = Cancel this order
order-refund-amount = The refund amount must be more than zero and at most what is left to refund.
order-refund-failed = The payment provider did not accept the refund. Nothing was changed; try again.
order-lookup-title = Find your order
order-lookup-number = Order number
order-lookup-number-hint = As in your confirmation email, e.g. DK-12345678.
order-lookup-contact = Email or mobile number used for the order
order-lookup-submit = Find order
order-lookup-not-found = We found no order with this number and email or mobile.
orders-title = Your orders
orders-none = You have not placed any orders yet.
orders-number = Order
orders-date = Date

# Admin console
admin-description = Run the shop: sales, orders, customers and the audit log.
admin-nav = Admin sections
admin-dashboard = Dashboard
admin-orders = Orders
admin-audit = Audit log
admin-period-today = Today
admin-period-days = Last { $days } days
admin-revenue = Revenue
admin-average-order = Average order
admin-change-none = no earlier figures
admin-change-against = compared with the period before
admin-chart-revenue = Revenue per day, last 30 days
admin-chart-revenue-desc = Total { $total }. Best day { $best } with { $amount }.
admin-chart-day = { $day }: { $amount }, { $orders }
admin-chart-status = Orders by status, last 30 days
admin-day = Day
admin-none-yet = Nothing yet.
admin-top-products = Best sellers, last 30 days
admin-units = Units
admin-low-stock = Running out
admin-low-stock-none = Every published variant has more than 5 in stock.
admin-sku = SKU
admin-stock = In stock
admin-zero-results = Searches that found nothing, last 30 days
admin-search-query = Search
admin-searches = Times
admin-filters = Filters
admin-any = Any
admin-apply = Apply
admin-clear = Clear
admin-from = From
admin-to = To
admin-invalid-date = Enter a date as YYYY-MM-DD.
admin-payment = Payment
admin-customer = Customer
admin-orders-search = Order number, email or mobile
admin-orders-count = { PLURAL($count) ->
    [one] 1 order
   *[other] { $count } orders
}
admin-orders-none = No orders match.
admin-unpaid = not paid
admin-page-of = Page { $page } of { $pages }
admin-guest = (guest)
admin-phone = Mobile
admin-order-updated = The order is updated.
admin-packing-slip = Packing slip
admin-next-steps = Next steps
admin-no-steps = Nothing more can be done with this order.
admin-action-payment-collected = Mark cash collected
admin-action-start-processing = Start preparing
admin-action-ship = Mark shipped
admin-action-deliver = Mark delivered
admin-action-cancel = Cancel order (stock goes back)
admin-action-refund = Refund
admin-tracking-number = Tracking number (optional)
admin-refund-amount = Amount in EGP (up to { $max })
admin-note = Note (optional)
admin-slip-title = Packing slip { $number }
admin-slip-collect = collect { $amount } on delivery
admin-print = Print
admin-back-to-order = Back to the order
admin-customers-search = Name, email or mobile
admin-customers-none = No accounts match.
admin-role = Role
admin-role-customer = Customer
admin-role-staff = Staff
admin-role-admin = Admin
admin-roles = Role and access
admin-save-role = Save role
admin-role-unknown = Choose one of the roles in the list.
admin-not-yourself = You cannot change your own role or account here; ask another admin.
admin-lifetime-value = Lifetime value
admin-joined = Joined
admin-account-state = Account
admin-enabled = Active
admin-disabled = Disabled
admin-disable = Disable account
admin-enable = Enable account
admin-customer-role = The role is changed.
admin-customer-disabled = The account is disabled and signed out everywhere.
admin-customer-enabled = The account can sign in again.
admin-audit-for = Audit log for { $name }
admin-audit-when = When
admin-audit-actor = Who
admin-audit-action = Action
admin-audit-entity = Record
admin-audit-entity-id = Record id
admin-audit-changes = Changes
admin-audit-empty-value = (none)
admin-audit-none = No entries match.
admin-audit-older = Older entries
audit-kind-created = created
audit-kind-updated = changed
audit-kind-deleted = deleted
order-actor-customer = customer
order-actor-staff = staff
order-actor-system = automatic
order-actor-provider = payment provider

# Catalog CSV import, row problems
csv-problem-missing-header = The file is empty: the header row is missing.
csv-problem-wrong-header = Header column { $column } must be “{ $expected }”, not “{ $found }”.
csv-problem-column-count = The row has { $found } columns; the header has { $expected }.
csv-problem-not-utf8 = The row is not UTF-8 text. Save the file as CSV UTF-8.
csv-problem-bad-handle = The handle is not valid ({ $detail }).
csv-problem-handle-apart = The rows of product { $handle } must be together; its first row is line { $line }.
csv-problem-missing = { $column } is empty.
csv-problem-category-empty-level = { $column } has an empty level (levels are separated by “ > ”).
csv-problem-category-levels = category_en has { $en } levels but category_ar has { $ar }.
csv-problem-category-deep = The category path is deeper than { $max } levels.
csv-problem-category-name = Category “{ $name }” is written or translated differently on line { $line }.
csv-problem-category-taken = Category { $en } / { $ar } matches two different existing categories.
csv-problem-bad-sku = The SKU is not valid ({ $detail }).
csv-problem-duplicate-sku = SKU { $sku } is used on line { $line } too.
csv-problem-sku-taken = SKU { $sku } belongs to another product ({ $handle }).
csv-problem-bad-amount = { $column } is not an amount: “{ $text }”.
csv-problem-decimals = { $column } has more than 2 decimals: “{ $text }”.
csv-problem-negative = { $column } is negative.
csv-problem-compare-at = compare_at_price must be above price.
csv-problem-bad-stock = Stock must be a whole number of 0 or more: “{ $text }”.
csv-problem-option-no-value = Option { $option } has a name but no value.
csv-problem-option-no-name = Option { $option } has a value but no name.
csv-problem-option-half = Option { $option } needs its name and value in both English and Arabic.
csv-problem-option-order = Option 2 is given without option 1.
csv-problem-option-name = The English name of option { $option } (“{ $name }”) has no Latin letters or digits.
csv-problem-option-twice = Both options have the same name.
csv-problem-option-names-differ = The option names differ from the product's first row (line { $line }).
csv-problem-mixed-options = A product with options cannot also have rows without options (see line { $line }).
csv-problem-option-value = Option value “{ $value }” is written or translated differently on line { $line }.
csv-problem-duplicate-variant = The same option values as line { $line }.
csv-problem-image-path = Image path “{ $path }” must be a file name, without “..”.
csv-problem-image-missing = Image “{ $path }” is not in the media library. Upload it first, or leave the column empty.
csv-problem-image-unreadable = Image “{ $path }” cannot be read ({ $detail }).
csv-problem-image-rejected = Image “{ $path }” is refused: { $detail }.

# Admin: catalog import and export
admin-import = Import products
admin-import-intro = Upload a CSV in the import format (the same as the command line's `dokkan import products`; an export is a template). Check it first: every bad row is listed and nothing is written. An import writes every row or none.
admin-import-needs-js = The import page needs JavaScript. Without it, use `dokkan import products FILE.csv` on the server.
admin-import-file = CSV file
admin-import-check = Check only (dry run)
admin-import-run = Import
admin-import-working = Checking and importing…
admin-import-line = Line
admin-import-no-file = Choose a CSV file first.
admin-import-too-large = The file is larger than 8 MB. Split it into smaller files.
admin-import-unreadable = The file cannot be read as CSV.
admin-import-checked = Every row is good: { $created } new and { $updated } updated products, { $variants } variants. Nothing was written yet.
admin-import-done = Imported: { $created } new and { $updated } updated products, { $variants } variants.
admin-import-refused = { PLURAL($count) ->
    [one] 1 row has a problem. Nothing was imported.
   *[other] { $count } rows have problems. Nothing was imported.
}
admin-export = Export products
admin-export-intro = Every product as a CSV in the same format, ready to edit and import back.
admin-export-run = Download CSV

# Admin: products
admin-product-new = New product
admin-products-search = Name, handle or SKU
admin-products-none = No products match.
admin-category = Category
admin-category-choose = Choose a category
admin-visibility = On the storefront
admin-published = Shown
admin-hidden = Hidden
admin-stock-low = Running low
admin-stock-out = Sold out
admin-picture = Picture
admin-variants = Variants
admin-price = Price (EGP)
admin-compare-at = Compare-at price (EGP)
admin-product-details = Product
admin-product-handle = Web address (handle)
admin-name-en = Name in English
admin-name-ar = Name in Arabic
admin-description-en = Description in English
admin-description-ar = Description in Arabic
admin-brand = Brand
admin-tags = Tags (separated by commas)
admin-product-published = Show on the storefront
admin-options = Options
admin-options-hint = Up to two, such as Size and Colour, named in both languages. Leave them empty for a product without choices.
admin-option1-en = First option in English
admin-option1-ar = First option in Arabic
admin-option2-en = Second option in English
admin-option2-ar = Second option in Arabic
admin-variants-hint = One row per variant; empty rows are ignored. Stock of an existing variant changes below, with a reason.
admin-value1 = First option's value
admin-value2 = Second option's value
admin-value1-en = First value in English
admin-value1-ar = First value in Arabic
admin-value2-en = Second value in English
admin-value2-ar = Second value in Arabic
admin-variant-row = row { $row }
admin-product-save = Save product
admin-product-saved = The product is saved.
admin-required = This field is required.
admin-product-bad-handle = Use lower-case English letters, digits and dashes, such as clay-water-jug.
admin-product-handle-taken = Another product already has this address.
admin-product-category = Choose a category.
admin-option-both = Name the option in both English and Arabic.
admin-option-order = Fill in the first option before the second.
admin-option-name = The English name needs Latin letters or digits, and the two options need different names.
admin-variant-sku = Use capital letters, digits, dots, dashes and underscores (up to 64).
admin-variant-price = Enter a price such as 120 or 99.50.
admin-variant-compare-at = The compare-at price must be a price above the price, or empty.
admin-variant-stock = Enter a whole number of 0 or more.
admin-variant-value = Give this variant's value in both English and Arabic.
admin-variant-sku-twice = This SKU is on another row too.
admin-variant-same-values = Another row has the same option values.
admin-variant-none = Add at least one variant.
admin-variant-sku-taken = SKU { $sku } belongs to another product.
admin-pictures = Pictures
admin-picture-file = Picture (PNG, JPEG, WebP or GIF, up to 10 MB)
admin-alt-en = Description for screen readers, in English
admin-alt-ar = Description for screen readers, in Arabic
admin-alt-save = Save descriptions
admin-picture-upload = Upload picture
admin-picture-earlier = Move earlier
admin-picture-later = Move later
admin-picture-remove = Remove
admin-image-saved = The pictures are updated.
admin-image-alt = Describe the picture in both English and Arabic.
admin-image-missing = Choose a picture to upload.
admin-image-too-large = The picture is larger than 10 MB.
admin-image-refused = This file is not a picture we can use (PNG, JPEG, WebP or GIF, at most 8000 × 8000 pixels).
admin-stock-adjust = Adjust stock
admin-stock-delta-label = Change (e.g. +12 or -3)
admin-stock-reason-label = Reason
admin-stock-apply = Apply
admin-stock-change = Change
admin-stock-saved = The stock is adjusted.
admin-stock-delta = Enter a whole number other than 0, such as +12 or -3.
admin-stock-reason = Say why (up to 200 characters).
admin-stock-negative = Stock cannot go below zero.

# Admin: categories
admin-categories = Categories
admin-categories-saved = The categories are updated.
admin-category-new = New category
admin-category-create = Add category
admin-category-top = (top level)
admin-category-parent = Under
admin-category-rename = Save names
admin-category-move = Move
admin-category-products = { PLURAL($count) ->
    [one] 1 product
   *[other] { $count } products
}
admin-category-name = Give the category a name of up to 100 characters.
admin-category-taken = Another category at that level already has this name.
admin-category-cycle = A category cannot move under itself or one of its own sub-categories.
admin-category-deep = Categories can be at most 5 levels deep.

# Admin: discounts and shipping
admin-discounts = Discount codes
admin-shipping = Shipping
admin-settings-saved = Saved. The checkout uses it from now on.
admin-discount-form = Add or change a code
admin-discount-hint = Saving an existing code changes its terms; the uses already taken stay.
admin-discount-code-label = Code
admin-discount-kind = Kind
admin-discount-percent-kind = Percentage off
admin-discount-amount-kind = Amount off (EGP)
admin-discount-value = Value
admin-discount-min = Minimum subtotal (EGP)
admin-discount-usage-limit = Uses in all (empty: no limit)
admin-discount-customer-limit = Uses per customer (empty: no limit)
admin-discount-active = Active
admin-discount-save = Save code
admin-discount-dates = Valid
admin-discount-uses = Used
admin-discount-code = Use 3 to 32 capital letters, digits, dashes or underscores, such as EID25.
admin-discount-percent = Enter a percentage from 1 to 100.
admin-discount-amount = Enter an amount above zero, such as 50 or 99.50.
admin-discount-dates-order = The end date must not be before the start date.
admin-discount-limit-used = The code has been used { $used } times already; the limit cannot be lower.
admin-whole-number = Enter a whole number.
admin-yes = Yes
admin-no = No
admin-shipping-none = (no delivery)
admin-shipping-offered = Offered in this zone
admin-shipping-rate = Price (EGP)
admin-shipping-free-over = Free over (EGP, empty: never)
admin-shipping-days-min = Days, at least
admin-shipping-days-max = Days, at most
admin-shipping-days = Enter the days as whole numbers, the second not below the first.
admin-shipping-governorates = Governorates
admin-shipping-governorates-hint = Each governorate takes its zone's prices.

# Admin: search synonyms
admin-synonyms = Search synonyms
admin-synonyms-intro = Teach the search the words your customers use. When a shopper searches for a word below, the results also include the products that mention its equivalents, so "fridge" can find every "refrigerator".
admin-synonyms-directions = Both directions: every word in the rule finds the others. One way: the word finds its equivalents, but searching for an equivalent does not bring up the word's products.
admin-synonyms-built-in = Everyday Egyptian words (such as كنبة for أريكة) and brand names in both scripts are already known to the search; add only your shop's own words.
admin-synonym-new = Add a rule
admin-synonym-term = Word
admin-synonym-term-hint = What shoppers type: a word, or a short phrase of up to 3 words.
admin-synonym-equivalents = Equivalents
admin-synonym-equivalents-hint = Separate them with commas (up to 10), such as: refrigerator, cooler
admin-synonym-two-way = Both directions
admin-synonym-two-way-hint = Untick it for one way: the word finds its equivalents, not the other way round.
admin-synonym-add = Add
admin-synonym-added = The rule is added. The next search uses it.
admin-synonym-removed = The rule is removed.
admin-synonyms-none = No rules yet.
admin-synonyms-list = Your search rules
admin-synonym-equivalents-column = Also finds
admin-synonym-direction = Direction
admin-synonym-both-ways = Both directions
admin-synonym-one-way = One way
admin-synonym-remove = Remove
admin-synonym-remove-label = Remove the rule for { $term }
admin-synonym-actions = Actions
admin-synonym-bad-term = Enter a word, or a phrase of up to 3 words and 60 characters.
admin-synonym-bad-equivalents = Enter 1 to 10 equivalents separated by commas: each a word or a phrase of up to 3 words and 60 characters, and none of them the word itself.
admin-synonym-taken = This word already has a rule. Remove that rule first to change it.

# PWA: the installed app
pwa-name = Dokkan — shop online
pwa-short-name = Dokkan
pwa-description = Clothes, home, electronics and groceries, delivered across Egypt. Cash on delivery or card.
pwa-screenshot-narrow = The shop on a phone
pwa-screenshot-wide = The shop on a computer
pwa-install-text = Shop faster from your home screen.
pwa-install = Install app
pwa-ios-hint = To install the app: tap Share, then “Add to Home Screen”.
pwa-update = A new version is available.
pwa-update-reload = Reload
pwa-offline-banner = You are offline — prices and stock may have changed.
pwa-offline-title = You are offline
pwa-offline-body = This page is not saved on this device yet. The pages you already visited still open; check your connection and try again.
pwa-offline-home = Go to the home page
pwa-needs-connection = Placing an order needs a connection. Your cart is kept; come back when you are online.
cart-queued = No connection: saved. It will be added to your cart when you are back online.

# Mail: one layout for every mail (crates/mail/src/letter.rs). Each kind gives
# mail-{kind}-subject, -heading, -intro, -action and -note ({ "" } for none).
mail-brand = Dokkan
mail-greeting = Hello { $name },
mail-greeting-anonymous = Hello,
mail-link-hint = If the button does not work, copy this link into your browser:
mail-signature = Thank you — the Dokkan team
mail-footer = Dokkan sent you this email about your account or your order. Replies to this address are not read.
mail-fact-order = Order
mail-fact-total = Total
mail-fact-tracking = Tracking number
mail-fact-refund = Amount refunded
mail-verify-email-subject = Confirm your email for Dokkan
mail-verify-email-heading = Confirm your email address
mail-verify-email-intro = Welcome to Dokkan. Please confirm your email address with the button below.
mail-verify-email-action = Confirm my email
mail-verify-email-note = The link works once, within 48 hours. If you did not create an account, ignore this email.
mail-password-reset-subject = Reset your Dokkan password
mail-password-reset-heading = Choose a new password
mail-password-reset-intro = Someone asked to reset the password of your Dokkan account. To choose a new password, use the button below.
mail-password-reset-action = Choose a new password
mail-password-reset-note = The link works once, within one hour. If it was not you, ignore this email: your password stays the same.
mail-order-confirmation-subject = Your Dokkan order { $number }
mail-order-confirmation-heading = Thank you for your order
mail-order-confirmation-intro = We have your order { $number } and are getting it ready. We will write again when it ships.
mail-order-confirmation-action = Follow your order
mail-order-confirmation-note = { "" }
mail-order-shipped-subject = Your Dokkan order { $number } is on its way
mail-order-shipped-heading = Your order is on its way
mail-order-shipped-intro = Good news: your order { $number } has left our store and is with the courier.
mail-order-shipped-tracking = Follow the parcel on the courier's website with the tracking number below.
mail-order-shipped-action = See your order
mail-order-shipped-note = { "" }
mail-order-delivered-subject = Your Dokkan order { $number } was delivered
mail-order-delivered-heading = Your order was delivered
mail-order-delivered-intro = Your order { $number } was delivered. We hope you enjoy it.
mail-order-delivered-action = See your order
mail-order-delivered-note = Something wrong with it? Reply from your order page and we will sort it out.
mail-order-cancelled-subject = Your Dokkan order { $number } was cancelled
mail-order-cancelled-heading = Your order was cancelled
mail-order-cancelled-intro = Your order { $number } was cancelled, and nothing more will be charged for it.
mail-order-cancelled-refund = What you paid, { $amount }, is refunded to you.
mail-order-cancelled-action = See your order
mail-order-cancelled-note = { "" }
mail-order-refunded-subject = A refund for your Dokkan order { $number }
mail-order-refunded-heading = We refunded you
mail-order-refunded-intro = We refunded { $amount } for your order { $number }. A card refund can take a few days to show on your statement.
mail-order-refunded-action = See your order
mail-order-refunded-note = { "" }
admin-mail-failed = Mail not delivered
admin-mail-failed-intro = These mails will not go out by themselves: the mail server refused them, every attempt failed, or the server stopped while sending one (it may have arrived). Check the address and the error, then send it again.
admin-mail-failed-none = No failed mail.
admin-mail-failed-more = The newest { $shown } of { $total }.
admin-mail-when = Failed at
admin-mail-kind = Mail
admin-mail-recipient = Recipient
admin-mail-error = Error
admin-mail-attempts = Attempts
admin-mail-actions = Actions
admin-mail-retry = Send again
admin-mail-retry-label = Send the “{ $kind }” mail to { $recipient } again
admin-mail-retried = The mail is queued again.
admin-mail-kind-verify-email = Email confirmation
admin-mail-kind-password-reset = Password reset
admin-mail-kind-order-confirmation = Order placed
admin-mail-kind-order-shipped = Order shipped
admin-mail-kind-order-delivered = Order delivered
admin-mail-kind-order-cancelled = Order cancelled
admin-mail-kind-order-refunded = Refund

# Push: order notifications (opt-in buttons, and what the notifications say)
push-subscribe-order = Notify me about this order
push-subscribe-account = Turn on order notifications
push-subscribe-busy = Turning on…
push-subscribed = Notifications are on in this browser.
push-unsubscribe = Turn off notifications
push-unsubscribed = Notifications are off.
push-denied = Notifications are blocked for this shop in your browser’s settings.
push-unsupported = This browser cannot show notifications.
push-failed = Notifications could not be turned on. Please try again.
push-invalid-endpoint = This browser’s push service is not one the shop can send to.
push-invalid-keys = The browser sent an unusable subscription.
push-too-many = Too many browsers are following this. Turn notifications off on one first.
push-order-confirmed-title = Order { $number } is confirmed
push-order-confirmed-body = We received your payment and are getting your order ready.
push-order-shipped-title = Order { $number } is on its way
push-order-shipped-body = Your order has shipped.
push-order-shipped-body-tracked = Your order has shipped. Tracking number: { $tracking }
push-order-delivered-title = Order { $number } was delivered
push-order-delivered-body = Enjoy! Tell us if anything is not right.
push-order-cancelled-title = Order { $number } was cancelled
push-order-cancelled-body = If you paid by card, the money is on its way back to you.
push-order-refunded-title = Order { $number } was refunded
push-order-refunded-body = Your money is on its way back to you.
push-order-partially-refunded-title = Part of order { $number } was refunded
push-order-partially-refunded-body = Part of your payment is on its way back to you.

## Recommendations
recommend-together = Frequently bought together
recommend-similar = Similar items
recommend-for-you = Picked for you
recommend-trending = Trending now
recommend-also = You may also like

## Cookie consent
consent-label = Cookies
consent-text = May we remember what you view, to suggest products for you? Otherwise we keep only your cart and orders.
consent-accept = Yes, remember me
consent-refuse = No, thanks

## A/B tests
admin-experiments = A/B tests
admin-experiments-intro = Each visitor with a visitor id sees one variant, always the same; a conversion is a purchase within the window after their first visit to the test. The uplift is against the first variant (the control), with its 95% interval; a p-value under 0.05 means the difference is unlikely to be chance.
admin-experiment-running = Running since { $date }
admin-experiment-stopped = Stopped
admin-experiment-rolled-out = Rolled out: everyone sees { $variant }
admin-experiment-window = { $count ->
    [one] Purchases within a day count
   *[other] Purchases within { $count } days count
}
admin-experiment-table = Variants, visitors, conversions and uplift
admin-experiment-variant = Variant
admin-experiment-weight = Traffic weight
admin-experiment-visitors = Visitors
admin-experiment-conversions = Purchases
admin-experiment-rate = Conversion rate
admin-experiment-uplift-heading = Uplift (95% interval)
admin-experiment-uplift = { $uplift } ({ $low } to { $high })
admin-experiment-control = Control
admin-experiment-p = p-value
admin-experiment-stop = Stop the test
admin-experiment-start = Start again
admin-experiment-roll-out = Roll out { $variant }
admin-experiment-changed = The test was changed; every server follows within half a minute.

## Recommendation models
admin-models = Recommendation models
admin-models-intro = The shop trains its recommendations every hour from what shoppers do. Every server serves the newest version; if one recommends badly, roll it back and the one before serves again.
admin-models-train = Train now
admin-models-roll-back = Roll back to the previous version
admin-models-trained = A new version is trained and served.
admin-models-busy = Another server is training right now; its version will be served when it is done.
admin-models-rolled-back = The previous version is served again.
admin-models-none = Nothing is trained yet.
admin-models-version = Version
admin-models-trained-at = Trained
admin-models-events = Events
admin-models-visitors = Visitors
admin-models-products = Products
admin-models-seconds = Seconds
admin-models-state = State
admin-models-serving = Serving
admin-models-rolled-back-state = Rolled back
