package dev.btpboot.security;

import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The one place that decides how requests are authenticated, used alike by the conditions that
 * pick the JWT or mock configuration and by the bean that stops a start that must not happen.
 *
 * @param mode {@link SecurityMode#JWT} or {@link SecurityMode#MOCK}, or {@code null} when refused
 *        or when the starter's security is disabled
 * @param reason why this mode, for the start-up log (the bindings of JWT mode are added there), or
 *        {@code null}
 * @param problem why the application must not start, or {@code null}
 * @param action what to do about it, or {@code null}
 */
public record SecurityModeDecision(SecurityMode mode, String reason, String problem, String action) {

	private static final String BIND_ACTION = "Bind an xsuaa or identity service instance to the application";

	/** The three ways out of production without a binding; each of them starts. */
	private static final String PRODUCTION_WITHOUT_BINDING_ACTION = "Do one of these: (1) " + BIND_ACTION
			+ " (Cloud Foundry: cf bind-service; Kyma: a ServiceBinding of the SAP BTP service operator) and "
			+ "restart it; (2) set btp.bindings.local-file to a default-env.json file whose VCAP_SERVICES "
			+ "holds an xsuaa or identity binding; (3) set btp.security.enabled=false and declare a "
			+ "SecurityFilterChain bean of your own that authenticates requests.";

	static SecurityModeDecision decide(Environment environment, boolean identityServiceBound) {
		BtpSecurityProperties properties = Binder.get(environment)
			.bindOrCreate(BtpSecurityProperties.PREFIX, BtpSecurityProperties.class);
		if (!properties.isEnabled()) {
			return new SecurityModeDecision(null, null, null, null);
		}
		List<String> production = ProductionSignals.of(environment, properties.getProductionProfiles());
		Boolean mockEnabled = properties.getMock().getEnabled();
		boolean mockRequested = properties.getMode() == SecurityMode.MOCK || Boolean.TRUE.equals(mockEnabled);
		if (!production.isEmpty() && mockRequested) {
			return refuse("Mock users cannot be enabled in production, yet btp.security.mode=mock or "
					+ "btp.security.mock.enabled=true is set while the application runs in production ("
					+ String.join(", ", production) + ").",
					"Remove btp.security.mode=mock and btp.security.mock.enabled=true from the production "
							+ "configuration. " + BIND_ACTION + " so that requests are authenticated by JWT.");
		}
		return switch (properties.getMode()) {
			case JWT -> identityServiceBound ? new SecurityModeDecision(SecurityMode.JWT, "btp.security.mode=jwt", null, null)
					: refuse("btp.security.mode=jwt is set, but no xsuaa or identity service is bound.",
							BIND_ACTION + " (or a local file with btp.bindings.local-file), or set "
									+ "btp.security.mode=auto to use mock users locally.");
			case MOCK -> Boolean.FALSE.equals(mockEnabled)
					? refuse("btp.security.mode=mock is set, but btp.security.mock.enabled=false.",
							"Remove one of the two settings.")
					: new SecurityModeDecision(SecurityMode.MOCK, "btp.security.mode=mock", null, null);
			case AUTO -> auto(identityServiceBound, production, mockEnabled);
		};
	}

	private static SecurityModeDecision auto(boolean identityServiceBound, List<String> production,
			Boolean mockEnabled) {
		if (identityServiceBound) {
			return new SecurityModeDecision(SecurityMode.JWT, null, null, null);
		}
		if (!production.isEmpty()) {
			return refuse("The application runs in production (" + String.join(", ", production)
					+ ") but no xsuaa or identity service is bound, so no request could be authenticated; "
					+ "mock users are never used in production.", PRODUCTION_WITHOUT_BINDING_ACTION);
		}
		if (Boolean.FALSE.equals(mockEnabled)) {
			return refuse("No xsuaa or identity service is bound and mock users are disabled "
					+ "(btp.security.mock.enabled=false), so no request could be authenticated.",
					BIND_ACTION + " (or use btp.bindings.local-file), or enable mock users.");
		}
		return new SecurityModeDecision(SecurityMode.MOCK, "no xsuaa/identity binding, not production", null, null);
	}

	private static SecurityModeDecision refuse(String problem, String action) {
		return new SecurityModeDecision(null, null, problem, action);
	}

	/** @throws SecurityModeException when the application must not start */
	SecurityModeDecision requireStartable() {
		if (this.problem != null) {
			throw new SecurityModeException(this.problem, this.action);
		}
		return this;
	}

}
