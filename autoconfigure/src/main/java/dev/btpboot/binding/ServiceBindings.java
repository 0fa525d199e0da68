package dev.btpboot.binding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;

/**
 * All service bindings of the application, read at start-up from {@code VCAP_SERVICES}, the
 * Kubernetes binding root and the local file (see {@link BindingsProperties}). Everything
 * downstream takes its credentials from here and never reads the environment again.
 * <p>
 * Credentials of the services this starter knows ({@code xsuaa}, {@code identity},
 * {@code connectivity}, {@code destination}, {@code saas-registry}) are validated when the bindings are read. A missing
 * field or a bad certificate in the binding the application uses stops the start instead of the
 * first request; any other binding of these services that is unusable is only reported
 * ({@link #problem(ServiceBinding)}, {@code /actuator/info}).
 * <p>
 * Kubernetes bindings are rotated in place by the platform; when a rotated binding is valid it
 * replaces the old version here, and every method answers with the current version from then
 * on. {@link #current(OAuthClientCredentials)} follows one binding's credentials through rotations.
 */
public final class ServiceBindings {

	private static final Log logger = LogFactory.getLog(ServiceBindings.class);

	/** The plan of the xsuaa binding SAP's library prefers when several are bound. */
	private static final String XSUAA_APPLICATION_PLAN = "application";

	private final Map<String, String> selectedNames;

	/** Replaced as a whole on rotation, so a reader always sees one consistent version. */
	private volatile Version version;

	private final List<Consumer<ServiceBinding>> rotationListeners = new CopyOnWriteArrayList<>();

	/**
	 * Creates the bindings and validates the credentials of known services.
	 * @param bindings the bindings, in the order of their sources
	 * @param selectedNames the binding name to use per service when there are several
	 * @throws ServiceBindingException when the credentials of a binding the application uses (the
	 * one of its service, or the one {@link #find(String)} selects) are incomplete or malformed
	 */
	public ServiceBindings(List<ServiceBinding> bindings, Map<String, String> selectedNames) {
		this.selectedNames = Map.copyOf(selectedNames);
		Instant now = Instant.now();
		Map<ServiceBinding, Instant> revisions = new IdentityHashMap<>();
		bindings.forEach((binding) -> revisions.put(binding, now));
		this.version = version(List.copyOf(bindings), revisions, Map.of());
		ServiceBinding xsuaa = used(this.version.bindings, XsuaaCredentials.SERVICE);
		List<String> xsuaaNames = ofService(XsuaaCredentials.SERVICE).stream().map(ServiceBinding::name).toList();
		if (xsuaaNames.size() > 1 && !this.selectedNames.containsKey(XsuaaCredentials.SERVICE) && xsuaa != null) {
			logger.info("Using xsuaa binding '" + xsuaa.name() + "' of " + xsuaaNames
					+ ": the only one with plan 'application'. Set " + KnownService.XSUAA.selectionProperty()
					+ " to use another.");
		}
	}

	/**
	 * Reads the bindings of an environment now, without keeping them: for code that runs while
	 * the environment is prepared, such as an application listener, when properties that tests or
	 * Spring add later may still change them. Beans inject {@link ServiceBindings}.
	 * @param environment the application's environment, its configuration loaded
	 * @return the bindings of all sources
	 * @throws ServiceBindingException when a source is malformed
	 */
	public static ServiceBindings read(Environment environment) {
		return ServiceBindingsLoader.read(environment);
	}

	/** @return every binding, from every source */
	public List<ServiceBinding> all() {
		return this.version.bindings;
	}

	/**
	 * The bindings of a service: those whose service name matches or, when none does, those
	 * carrying it as a tag.
	 * @param service a service name such as {@code xsuaa}
	 * @return the matching bindings, possibly none
	 */
	public List<ServiceBinding> ofService(String service) {
		return ofService(this.version.bindings, service);
	}

	private static List<ServiceBinding> ofService(List<ServiceBinding> bindings, String service) {
		List<ServiceBinding> byName = bindings.stream().filter((b) -> b.service().equals(service)).toList();
		return byName.isEmpty() ? bindings.stream().filter((b) -> b.tags().contains(service)).toList() : byName;
	}

	/**
	 * Why a binding of a service this starter knows cannot be used: which field is missing or
	 * malformed. Such a binding stops the start only when it is the one the application uses.
	 * @param binding one of {@link #all()}
	 * @return the problem, or empty when the binding is usable or of a service this starter does
	 * not know
	 */
	public Optional<ServiceBindingException> problem(ServiceBinding binding) {
		return Optional.ofNullable(this.version.problems.get(binding));
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
		return find(this.version.bindings, service);
	}

	private Optional<ServiceBinding> find(List<ServiceBinding> bindings, String service) {
		List<ServiceBinding> candidates = ofService(bindings, service);
		String selected = this.selectedNames.get(service);
		List<String> names = candidates.stream().map(ServiceBinding::name).toList();
		if (selected != null && !candidates.isEmpty()) {
			return Optional.of(candidates.stream()
				.filter((b) -> b.name().equals(selected))
				.findFirst()
				.orElseThrow(() -> new ServiceBindingException(sources(candidates), selected, null,
						"no binding of service '" + service + "' has this name; bound: " + names,
						howToChoose(service, names))));
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
					howToChoose(service, names));
		}
		return candidates.stream().findFirst();
	}

	/** By the property of a service this starter types; any other has none. */
	private static String howToChoose(String service, List<String> names) {
		return KnownService.of(service)
			.map((known) -> "Choose one by setting " + known.selectionProperty() + " to one of " + names + ".")
			.orElse("Choose one of " + names + " from ServiceBindings.ofService(\"" + service + "\") by name.");
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

	/** @return the credentials of the one saas-registry (SaaS Provisioning) binding, if bound */
	public Optional<SaasRegistryCredentials> saasRegistry() {
		return typed(SaasRegistryCredentials.SERVICE, SaasRegistryCredentials.class);
	}

	/**
	 * Follows the binding that credentials came from through rotations: the supplier answers with
	 * the credentials of that binding's current version (the same object until the binding is
	 * rotated, so a caller can tell a rotation by identity). Credentials that did not come from
	 * these bindings are answered unchanged.
	 * @param <T> the type of credentials
	 * @param credentials credentials obtained from this object, e.g. {@code xsuaa().orElseThrow()}
	 * @return a supplier of the current version, cheap enough to call on every token request
	 */
	public <T extends OAuthClientCredentials> Supplier<T> current(T credentials) {
		Version version = this.version;
		ServiceBinding origin = version.typed.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == credentials)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
		if (origin == null) {
			return () -> credentials;
		}
		@SuppressWarnings("unchecked")
		Class<T> type = (Class<T>) credentials.getClass();
		return new CurrentCredentials<>(this, origin, type, version, credentials);
	}

	/**
	 * @param binding one of {@link #all()}
	 * @return when the application took this version of the binding into use (start-up or rotation)
	 */
	public Optional<Instant> revision(ServiceBinding binding) {
		return Optional.ofNullable(this.version.revisions.get(binding));
	}

	/** @return the typed credentials of each binding of a known service, current version */
	Map<ServiceBinding, OAuthClientCredentials> typedCredentials() {
		return Collections.unmodifiableMap(this.version.typed);
	}

	/**
	 * Takes a new version of a binding into use, once its credentials are valid.
	 * @param replaced the binding as currently held (same name and source as {@code next})
	 * @param next the new version
	 * @param revision when it was read
	 * @throws ServiceBindingException when the new version is not valid; the old one stays
	 */
	synchronized void replace(ServiceBinding replaced, ServiceBinding next, Instant revision) {
		Version current = this.version;
		int index = indexOf(current.bindings, replaced);
		if (index < 0) {
			throw new IllegalArgumentException("not a current binding: " + replaced.name());
		}
		if (!next.service().equals(replaced.service())) {
			throw new ServiceBindingException(next.source(), next.name(), null,
					"changed its service from '" + replaced.service() + "' to '" + next.service() + "'",
					"Restart the application to take a binding of another service into use.");
		}
		List<ServiceBinding> bindings = new ArrayList<>(current.bindings);
		bindings.set(index, next);
		Map<ServiceBinding, Instant> revisions = new IdentityHashMap<>(current.revisions);
		revisions.remove(replaced);
		revisions.put(next, revision);
		this.version = version(List.copyOf(bindings), revisions, current.typed);
		for (Consumer<ServiceBinding> listener : this.rotationListeners) {
			try {
				listener.accept(next);
			}
			catch (RuntimeException ex) {
				// one listener's failure must neither stop the others nor undo the rotation
				logger.warn("A listener of binding rotations failed on '" + next.name() + "' ("
						+ ex.getClass().getSimpleName() + ")");
			}
		}
	}

	/**
	 * Registers code that takes a rotated binding into use itself, for what holds more than
	 * credentials (a TLS context, a connection): called with the new version once it replaced the
	 * old one here, on the thread that watches the binding files. Credentials read through
	 * {@link #current(OAuthClientCredentials)} need no listener.
	 * @param listener called with each new version of any binding
	 */
	public void onRotation(Consumer<ServiceBinding> listener) {
		this.rotationListeners.add(listener);
	}

	/**
	 * Validates the credentials of known services: those of a binding the application uses must
	 * be valid, any other's problem is kept for {@link #problem(ServiceBinding)}.
	 * @param previous the typed credentials of the previous version: a binding that did not
	 * change keeps its credentials object, so its token caches stay
	 */
	private Version version(List<ServiceBinding> bindings, Map<ServiceBinding, Instant> revisions,
			Map<ServiceBinding, OAuthClientCredentials> previous) {
		Version version = new Version(bindings, revisions);
		for (KnownService known : KnownService.values()) {
			ServiceBinding used = used(bindings, known.service());
			for (ServiceBinding binding : ofService(bindings, known.service())) {
				OAuthClientCredentials unchanged = previous.get(binding);
				try {
					version.typed.put(binding, (unchanged != null) ? unchanged : known.credentials(binding));
				}
				catch (ServiceBindingException ex) {
					if (binding == used) {
						throw ex;
					}
					version.problems.put(binding, ex);
				}
			}
		}
		return version;
	}

	/** @return the binding of the service the application uses, or {@code null} when none or not decided */
	private ServiceBinding used(List<ServiceBinding> bindings, String service) {
		try {
			return find(bindings, service).orElse(null);
		}
		catch (ServiceBindingException ex) {
			// several and none chosen, or an unknown name: reported when the application asks
			return null;
		}
	}

	private <T extends OAuthClientCredentials> Optional<T> typed(String service, Class<T> type) {
		Version version = this.version;
		return find(version.bindings, service).map(version.typed::get).map(type::cast);
	}

	private static int indexOf(List<ServiceBinding> bindings, ServiceBinding binding) {
		for (int i = 0; i < bindings.size(); i++) {
			if (bindings.get(i) == binding) {
				return i;
			}
		}
		return -1;
	}

	private static String sources(List<ServiceBinding> candidates) {
		return candidates.stream().map(ServiceBinding::source).distinct().sorted().toList().toString();
	}

	@Override
	public String toString() {
		return "ServiceBindings" + this.version.bindings;
	}

	/** One version of all bindings with their typed, validated credentials. */
	private static final class Version {

		final List<ServiceBinding> bindings;

		final Map<ServiceBinding, Instant> revisions;

		final Map<ServiceBinding, OAuthClientCredentials> typed = new IdentityHashMap<>();

		final Map<ServiceBinding, ServiceBindingException> problems = new IdentityHashMap<>();

		Version(List<ServiceBinding> bindings, Map<ServiceBinding, Instant> revisions) {
			this.bindings = bindings;
			this.revisions = revisions;
		}

	}

	/** The credentials of one binding, looked up again only when the bindings changed. */
	private static final class CurrentCredentials<T extends OAuthClientCredentials> implements Supplier<T> {

		private final ServiceBindings bindings;

		private final ServiceBinding origin;

		private final Class<T> type;

		private volatile Seen<T> seen;

		CurrentCredentials(ServiceBindings bindings, ServiceBinding origin, Class<T> type, Version version,
				T credentials) {
			this.bindings = bindings;
			this.origin = origin;
			this.type = type;
			this.seen = new Seen<>(version, credentials);
		}

		@Override
		public T get() {
			Version version = this.bindings.version;
			Seen<T> seen = this.seen;
			if (seen.version == version) {
				return seen.credentials;
			}
			T credentials = version.typed.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().name().equals(this.origin.name())
						&& entry.getKey().source().equals(this.origin.source()))
				.map(Map.Entry::getValue)
				.filter(this.type::isInstance)
				.map(this.type::cast)
				.findFirst()
				.orElse(seen.credentials);
			this.seen = new Seen<>(version, credentials);
			return credentials;
		}

		private record Seen<T>(Version version, T credentials) {
		}

	}

}
