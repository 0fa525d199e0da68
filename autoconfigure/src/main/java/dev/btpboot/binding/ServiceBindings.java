package dev.btpboot.binding;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * All service bindings of the application, read once at start-up from {@code VCAP_SERVICES}, the
 * Kubernetes binding root and the local file (see {@link BindingsProperties}). Everything
 * downstream takes its credentials from here and never reads the environment again.
 * <p>
 * Credentials of the services this starter knows ({@code xsuaa}, {@code identity},
 * {@code connectivity}, {@code destination}) are validated when the bindings are read. A missing
 * field or a bad certificate in the binding the application uses stops the start instead of the
 * first request; any other binding of these services that is unusable is only reported
 * ({@link #problem(ServiceBinding)}, {@code /actuator/info}).
 */
public final class ServiceBindings {

	private static final Log logger = LogFactory.getLog(ServiceBindings.class);

	/** The plan of the xsuaa binding SAP's library prefers when several are bound. */
	private static final String XSUAA_APPLICATION_PLAN = "application";

	/** The services whose credentials are typed and validated, and how. */
	private static final Map<String, Function<ServiceBinding, ? extends OAuthClientCredentials>> TYPED = Map.of(
			XsuaaCredentials.SERVICE, XsuaaCredentials::from, IdentityCredentials.SERVICE, IdentityCredentials::from,
			ConnectivityCredentials.SERVICE, ConnectivityCredentials::from, DestinationCredentials.SERVICE,
			DestinationCredentials::from);

	private final List<ServiceBinding> bindings;

	private final Map<String, String> selectedNames;

	private final Map<ServiceBinding, OAuthClientCredentials> typed = new IdentityHashMap<>();

	private final Map<ServiceBinding, ServiceBindingException> problems = new IdentityHashMap<>();

	/**
	 * Creates the bindings and validates the credentials of known services.
	 * @param bindings the bindings, in the order of their sources
	 * @param selectedNames the binding name to use per service when there are several
	 * @throws ServiceBindingException when the credentials of a binding the application uses (the
	 * one of its service, or the one {@link #find(String)} selects) are incomplete or malformed
	 */
	public ServiceBindings(List<ServiceBinding> bindings, Map<String, String> selectedNames) {
		this.bindings = List.copyOf(bindings);
		this.selectedNames = Map.copyOf(selectedNames);
		TYPED.forEach((service, parser) -> {
			ServiceBinding used = selectedOrNull(service);
			for (ServiceBinding binding : ofService(service)) {
				try {
					this.typed.put(binding, parser.apply(binding));
				}
				catch (ServiceBindingException ex) {
					if (binding == used) {
						throw ex;
					}
					this.problems.put(binding, ex);
				}
			}
		});
		ServiceBinding xsuaa = selectedOrNull(XsuaaCredentials.SERVICE);
		List<String> xsuaaNames = ofService(XsuaaCredentials.SERVICE).stream().map(ServiceBinding::name).toList();
		if (xsuaaNames.size() > 1 && !this.selectedNames.containsKey(XsuaaCredentials.SERVICE) && xsuaa != null) {
			logger.info("Using xsuaa binding '" + xsuaa.name() + "' of " + xsuaaNames
					+ ": the only one with plan 'application'. Set btp.bindings.xsuaa.name to use another.");
		}
	}

	/** @return every binding, from every source */
	public List<ServiceBinding> all() {
		return this.bindings;
	}

	/**
	 * The bindings of a service: those whose service name matches or, when none does, those
	 * carrying it as a tag.
	 * @param service a service name such as {@code xsuaa}
	 * @return the matching bindings, possibly none
	 */
	public List<ServiceBinding> ofService(String service) {
		List<ServiceBinding> byName = this.bindings.stream().filter((b) -> b.service().equals(service)).toList();
		return byName.isEmpty() ? this.bindings.stream().filter((b) -> b.tags().contains(service)).toList() : byName;
	}

	/**
	 * Why a binding of a service this starter knows cannot be used: which field is missing or
	 * malformed. Such a binding stops the start only when it is the one the application uses.
	 * @param binding one of {@link #all()}
	 * @return the problem, or empty when the binding is usable or of a service this starter does
	 * not know
	 */
	public Optional<ServiceBindingException> problem(ServiceBinding binding) {
		return Optional.ofNullable(this.problems.get(binding));
	}

	/**
	 * The one binding of a service: the only one there is, the one named by
	 * {@code btp.bindings.<service>.name}, or, among several xsuaa bindings, the only one with plan
	 * {@code application} (as SAP's library chooses).
	 * @param service a service name such as {@code xsuaa}
	 * @return the binding, or empty when the service is not bound
	 * @throws ServiceBindingException when several are bound and none is chosen, or the chosen
	 * name does not exist
	 */
	public Optional<ServiceBinding> find(String service) {
		List<ServiceBinding> candidates = ofService(service);
		String selected = this.selectedNames.get(service);
		List<String> names = candidates.stream().map(ServiceBinding::name).toList();
		if (selected != null && !candidates.isEmpty()) {
			return Optional.of(candidates.stream()
				.filter((b) -> b.name().equals(selected))
				.findFirst()
				.orElseThrow(() -> new ServiceBindingException(sources(candidates), selected, null,
						"no binding of service '" + service + "' has this name; bound: " + names,
						"Set btp.bindings." + service + ".name to one of " + names + ".")));
		}
		List<ServiceBinding> application = candidates.stream()
			.filter((b) -> service.equals(XsuaaCredentials.SERVICE) && XSUAA_APPLICATION_PLAN.equals(b.plan()))
			.toList();
		if (candidates.size() > 1 && application.size() == 1) {
			return Optional.of(application.get(0));
		}
		if (candidates.size() > 1) {
			throw new ServiceBindingException(sources(candidates), null, null,
					candidates.size() + " bindings of service '" + service + "' exist: " + names,
					"Choose one by setting btp.bindings." + service + ".name to one of " + names + ".");
		}
		return candidates.stream().findFirst();
	}

	/** @return the XSUAA credentials of the one xsuaa binding, if bound */
	public Optional<XsuaaCredentials> xsuaa() {
		return typed(XsuaaCredentials.SERVICE, XsuaaCredentials.class);
	}

	/** @return the credentials of the one identity (IAS) binding, if bound */
	public Optional<IdentityCredentials> identity() {
		return typed(IdentityCredentials.SERVICE, IdentityCredentials.class);
	}

	/** @return the credentials of the one connectivity binding, if bound */
	public Optional<ConnectivityCredentials> connectivity() {
		return typed(ConnectivityCredentials.SERVICE, ConnectivityCredentials.class);
	}

	/** @return the credentials of the one destination binding, if bound */
	public Optional<DestinationCredentials> destination() {
		return typed(DestinationCredentials.SERVICE, DestinationCredentials.class);
	}

	private ServiceBinding selectedOrNull(String service) {
		try {
			return find(service).orElse(null);
		}
		catch (ServiceBindingException ex) {
			// several and none chosen, or an unknown name: reported when the application asks
			return null;
		}
	}

	private <T extends OAuthClientCredentials> Optional<T> typed(String service, Class<T> type) {
		return find(service).map(this.typed::get).map(type::cast);
	}

	private static String sources(List<ServiceBinding> candidates) {
		return candidates.stream().map(ServiceBinding::source).distinct().sorted().toList().toString();
	}

	@Override
	public String toString() {
		return "ServiceBindings" + this.bindings;
	}

}
