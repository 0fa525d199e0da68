package dev.btpboot.binding;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * All service bindings of the application, read once at start-up from {@code VCAP_SERVICES}, the
 * Kubernetes binding root and the local file (see {@link BindingsProperties}). Everything
 * downstream takes its credentials from here and never reads the environment again.
 * <p>
 * Credentials of the services this starter knows ({@code xsuaa}, {@code identity},
 * {@code connectivity}, {@code destination}) are validated when the bindings are read, so a
 * missing field or a bad certificate stops the start instead of the first request.
 */
public final class ServiceBindings {

	/** The services whose credentials are typed and validated, and how. */
	private static final Map<String, Function<ServiceBinding, ? extends OAuthClientCredentials>> TYPED = Map.of(
			XsuaaCredentials.SERVICE, XsuaaCredentials::from, IdentityCredentials.SERVICE, IdentityCredentials::from,
			ConnectivityCredentials.SERVICE, ConnectivityCredentials::from, DestinationCredentials.SERVICE,
			DestinationCredentials::from);

	private final List<ServiceBinding> bindings;

	private final Map<String, String> selectedNames;

	private final Map<ServiceBinding, OAuthClientCredentials> typed = new IdentityHashMap<>();

	/**
	 * Creates the bindings and validates the credentials of known services.
	 * @param bindings the bindings, in the order of their sources
	 * @param selectedNames the binding name to use per service when there are several
	 * @throws ServiceBindingException when known credentials are incomplete or malformed
	 */
	public ServiceBindings(List<ServiceBinding> bindings, Map<String, String> selectedNames) {
		this.bindings = List.copyOf(bindings);
		this.selectedNames = Map.copyOf(selectedNames);
		TYPED.forEach((service, parser) -> ofService(service).forEach((binding) -> this.typed.put(binding,
				parser.apply(binding))));
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
	 * The one binding of a service: the only one there is, or the one named by
	 * {@code btp.bindings.<service>.name}.
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
