package dev.btpboot.tenancy;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.btpboot.tenancy.SubscriptionPayload.SubscriptionRequestException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;

/**
 * The SaaS Provisioning callbacks, whatever the web stack: subscribe and update ({@code PUT
 * tenants/{tenantId}}), unsubscribe ({@code DELETE tenants/{tenantId}}) and the application's
 * dependencies ({@code GET dependencies}). Synchronously, the answer is the outcome: 200 with the
 * tenant's URL as text. Asynchronously (the request carries {@code STATUS_CALLBACK}), the answer
 * is 202 at once, the work runs on a thread of its own, and its outcome is {@code PUT} to the
 * registry ({@link SaasRegistryClient#reportStatus}). Problems are answered as RFC 9457 bodies
 * that name the tenant and step, never echo the payload.
 */
public final class SubscriptionCallbacks {

	private static final Log logger = LogFactory.getLog(SubscriptionCallbacks.class);

	/** The largest body a callback reads; payloads are a few kilobytes. */
	public static final int MAX_BODY_BYTES = SubscriptionPayload.MAX_BYTES;

	/** The header of an asynchronous callback: the registry's path for its outcome. */
	public static final String STATUS_CALLBACK = "STATUS_CALLBACK";

	/** The order of the filter chains of the callbacks and the tenants endpoint: ahead of the catch-all. */
	public static final int CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	private final SubscriptionLifecycle lifecycle;

	private final TenantUrlTemplate tenantUrl;

	private final SaasRegistryClient registry;

	private final Executor asynchronous;

	private final List<String> dependencies;

	/**
	 * @param lifecycle applies the events
	 * @param tenantUrl the tenant URL template
	 * @param registry reports the outcome of asynchronous callbacks
	 * @param asynchronous runs asynchronous callbacks
	 * @param dependencies the xsappname of each reuse service the application depends on
	 */
	SubscriptionCallbacks(SubscriptionLifecycle lifecycle, TenantUrlTemplate tenantUrl, SaasRegistryClient registry,
			Executor asynchronous, List<String> dependencies) {
		this.lifecycle = lifecycle;
		this.tenantUrl = tenantUrl;
		this.registry = registry;
		this.asynchronous = asynchronous;
		this.dependencies = List.copyOf(dependencies);
	}

	/**
	 * @param properties {@code btp.tenancy.*}
	 * @return the base path of the callbacks, {@code btp.tenancy.callback-path} with one leading
	 * and no trailing slash
	 */
	public static String basePath(TenancyProperties properties) {
		String path = properties.getCallbackPath().trim();
		path = path.startsWith("/") ? path : "/" + path;
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/**
	 * {@code PUT tenants/{tenantId}}: subscribe or update.
	 * @param pathTenantId the tenant of the path
	 * @param body the payload
	 * @param statusCallback the {@code STATUS_CALLBACK} header, or {@code null} for a synchronous call
	 * @return the answer
	 */
	public Answer subscribe(String pathTenantId, byte[] body, String statusCallback) {
		return handle(pathTenantId, body, statusCallback, false);
	}

	/**
	 * {@code DELETE tenants/{tenantId}}: unsubscribe.
	 * @param pathTenantId the tenant of the path
	 * @param body the payload, possibly empty
	 * @param statusCallback the {@code STATUS_CALLBACK} header, or {@code null} for a synchronous call
	 * @return the answer
	 */
	public Answer unsubscribe(String pathTenantId, byte[] body, String statusCallback) {
		return handle(pathTenantId, body, statusCallback, true);
	}

	/** @return {@code GET dependencies}: the reuse services, {@code [{"xsappname": ...}]} */
	public Answer dependencies() {
		ArrayNode services = JsonMapper.shared().createArrayNode();
		this.dependencies.forEach((xsappname) -> services.addObject().put("xsappname", xsappname));
		return new Answer(200, "application/json", services.toString());
	}

	private Answer handle(String pathTenantId, byte[] body, String statusCallback, boolean unsubscribe) {
		SubscriptionPayload payload;
		try {
			payload = SubscriptionPayload.parse(pathTenantId, body, unsubscribe);
			if (statusCallback != null) {
				this.registry.statusUri(statusCallback);
			}
		}
		catch (SubscriptionRequestException | IllegalArgumentException ex) {
			logger.warn("Refused a subscription callback: " + ex.getMessage());
			return Answer.problem(400, "Bad Request", "The subscription callback is malformed: " + ex.getMessage());
		}
		if (statusCallback == null) {
			try {
				String url = apply(payload);
				return new Answer(200, "text/plain;charset=UTF-8", (url != null) ? url : "");
			}
			catch (SubscriptionFailedException ex) {
				return Answer.problem(500, "Subscription Failed", ex.getMessage());
			}
		}
		try {
			this.asynchronous.execute(() -> applyAndReport(payload, statusCallback));
		}
		catch (RejectedExecutionException ex) {
			return Answer.problem(503, "Service Unavailable",
					"The application is shutting down; the subscription callback is not taken.");
		}
		return new Answer(202, null, "");
	}

	/** @return the tenant's URL after a subscription or update, {@code null} after an unsubscription */
	private String apply(SubscriptionPayload payload) {
		Subscription subscription = payload.subscription();
		String url = null;
		if (payload.event() != SubscriptionEvent.UNSUBSCRIBE) {
			try {
				url = this.tenantUrl.expand(subscription);
			}
			catch (IllegalArgumentException ex) {
				throw new SubscriptionFailedException(payload.event().text() + " of tenant '" + subscription.tenantId()
						+ "' failed: " + ex.getMessage(), ex);
			}
		}
		this.lifecycle.apply(payload.event(), subscription);
		return url;
	}

	private void applyAndReport(SubscriptionPayload payload, String statusCallback) {
		String tenant = payload.subscription().tenantId();
		boolean succeeded;
		String message;
		String url = null;
		try {
			url = apply(payload);
			succeeded = true;
			message = payload.event().text() + " of tenant '" + tenant + "' succeeded";
		}
		catch (SubscriptionFailedException ex) {
			succeeded = false;
			message = ex.getMessage();
		}
		catch (RuntimeException ex) {
			logger.error(payload.event().text() + " of tenant '" + tenant + "' failed", ex);
			succeeded = false;
			message = payload.event().text() + " of tenant '" + tenant + "' failed: " + ex.getClass().getSimpleName();
		}
		try {
			this.registry.reportStatus(statusCallback, succeeded, message, url);
		}
		catch (RuntimeException ex) {
			logger.error("The outcome of the asynchronous " + payload.event().text().toLowerCase(Locale.ROOT)
					+ " of tenant '" + tenant + "' (" + (succeeded ? "succeeded" : "failed")
					+ ") could not be reported to the SaaS registry, which will time it out: " + ex.getMessage());
		}
	}

	/**
	 * An answer to a callback.
	 *
	 * @param status the HTTP status
	 * @param contentType its content type, or {@code null} for no body
	 * @param body the body
	 */
	public record Answer(int status, String contentType, String body) {

		static final String PROBLEM = "application/problem+json";

		static Answer problem(int status, String title, String detail) {
			ObjectNode problem = JsonMapper.shared().createObjectNode();
			problem.put("type", "about:blank");
			problem.put("title", title);
			problem.put("status", status);
			problem.put("detail", detail);
			return new Answer(status, PROBLEM, problem.toString());
		}

	}

}
