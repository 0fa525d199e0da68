package dev.btpboot.tenancy;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code btp.tenancy.tenant-url}: the URL of a subscriber's application, a template with
 * {@code {subdomain}} and {@code {tenantId}}. Checked when the application starts, so that no
 * subscription is the first to find it wrong.
 */
final class TenantUrlTemplate {

	static final String PROPERTY = "btp.tenancy.tenant-url";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

	private final String template;

	private TenantUrlTemplate(String template) {
		this.template = template;
	}

	/**
	 * @param template the configured template, or {@code null}
	 * @param bindingName the saas-registry binding, for the message
	 * @return the template
	 * @throws TenancyConfigurationException when it is missing or does not make an absolute
	 * http(s) URL
	 */
	static TenantUrlTemplate of(String template, String bindingName) {
		String action = "Set " + PROPERTY + " to the URL subscribers reach the application at, with {subdomain} "
				+ "and/or {tenantId} in place of the tenant, such as "
				+ "https://{subdomain}.my-app.cfapps.eu10.hana.ondemand.com.";
		if (template == null || template.isBlank()) {
			throw new TenancyConfigurationException("The application has the saas-registry binding '" + bindingName
					+ "', but " + PROPERTY + " is not set: subscriptions cannot be answered with the tenant's URL.",
					action);
		}
		Matcher placeholders = PLACEHOLDER.matcher(template);
		while (placeholders.find()) {
			String name = placeholders.group(1);
			if (!name.equals("subdomain") && !name.equals("tenantId")) {
				throw new TenancyConfigurationException(PROPERTY + " has the placeholder {" + name
						+ "}, which is neither {subdomain} nor {tenantId}.", action);
			}
		}
		TenantUrlTemplate parsed = new TenantUrlTemplate(template.trim());
		try {
			URI sample = URI.create(parsed.expand("tenant-id", "subdomain"));
			String scheme = (sample.getScheme() != null) ? sample.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("https") || scheme.equals("http")) || sample.getHost() == null) {
				throw new IllegalArgumentException("not an absolute http(s) URL");
			}
		}
		catch (IllegalArgumentException ex) {
			throw new TenancyConfigurationException(PROPERTY + " does not make an absolute http(s) URL for a tenant.",
					action);
		}
		return parsed;
	}

	/**
	 * @param subscription a subscription
	 * @return the tenant's URL
	 * @throws IllegalArgumentException when the template needs the subdomain and the subscription
	 * has none
	 */
	String expand(Subscription subscription) {
		if (usesSubdomain() && subscription.subdomain() == null) {
			throw new IllegalArgumentException(PROPERTY + " needs the tenant's subdomain, which the subscription "
					+ "does not name");
		}
		return expand(subscription.tenantId(), subscription.subdomain());
	}

	private boolean usesSubdomain() {
		return this.template.contains("{subdomain}");
	}

	private String expand(String tenantId, String subdomain) {
		String url = this.template.replace("{tenantId}", tenantId);
		return (subdomain != null) ? url.replace("{subdomain}", subdomain.toLowerCase(Locale.ROOT)) : url;
	}

	@Override
	public String toString() {
		return this.template;
	}

}
