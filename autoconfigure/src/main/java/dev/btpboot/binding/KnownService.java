package dev.btpboot.binding;

import java.util.Optional;
import java.util.function.Function;

/**
 * The services whose bindings this starter types and validates: their name, how their
 * credentials are read, and the property that chooses one binding when several are bound. The
 * one list {@link ServiceBindings}, {@link BindingsProperties} and
 * {@link OnServiceBindingCondition} go by.
 */
enum KnownService {

	XSUAA(XsuaaCredentials.SERVICE, XsuaaCredentials::from, BindingsProperties::getXsuaa),

	IDENTITY(IdentityCredentials.SERVICE, IdentityCredentials::from, BindingsProperties::getIdentity),

	CONNECTIVITY(ConnectivityCredentials.SERVICE, ConnectivityCredentials::from, BindingsProperties::getConnectivity),

	DESTINATION(DestinationCredentials.SERVICE, DestinationCredentials::from, BindingsProperties::getDestination),

	SAAS_REGISTRY(SaasRegistryCredentials.SERVICE, SaasRegistryCredentials::from, BindingsProperties::getSaasRegistry);

	private final String service;

	private final Function<ServiceBinding, ? extends OAuthClientCredentials> parser;

	private final Function<BindingsProperties, BindingsProperties.Selection> selection;

	KnownService(String service, Function<ServiceBinding, ? extends OAuthClientCredentials> parser,
			Function<BindingsProperties, BindingsProperties.Selection> selection) {
		this.service = service;
		this.parser = parser;
		this.selection = selection;
	}

	/** @return the service name, as in a binding's label or type */
	String service() {
		return this.service;
	}

	/**
	 * @param binding a binding of this service
	 * @return its typed, validated credentials
	 * @throws ServiceBindingException when a field is missing or malformed
	 */
	OAuthClientCredentials credentials(ServiceBinding binding) {
		return this.parser.apply(binding);
	}

	/** @return the binding name chosen for this service, or {@code null} when none is */
	String selectedName(BindingsProperties properties) {
		String name = this.selection.apply(properties).getName();
		return (name != null && !name.isBlank()) ? name : null;
	}

	/** @return the property that chooses one binding of this service */
	String selectionProperty() {
		return "btp.bindings." + this.service + ".name";
	}

	static Optional<KnownService> of(String service) {
		for (KnownService known : values()) {
			if (known.service.equals(service)) {
				return Optional.of(known);
			}
		}
		return Optional.empty();
	}

}
