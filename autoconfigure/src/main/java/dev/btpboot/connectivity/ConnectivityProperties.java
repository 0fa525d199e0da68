package dev.btpboot.connectivity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the application reaches on-premise systems through the SAP connectivity proxy and the
 * Cloud Connector.
 */
@ConfigurationProperties("btp.connectivity")
public class ConnectivityProperties {

	/**
	 * Location id of the Cloud Connector to use, when a subaccount has several. Sent in the
	 * SOCKS5 handshake and as the SAP-Connectivity-SCC-Location_ID header: printable ASCII, at
	 * most 189 characters (checked at start-up).
	 */
	private String locationId;

	/**
	 * How the connectivity proxy authenticates requests: auto (cloud-foundry when the binding
	 * names the proxy host, else kubernetes-untrusted), cloud-foundry, kubernetes-trusted or
	 * kubernetes-untrusted.
	 */
	private Mode mode = Mode.AUTO;

	/**
	 * How the current user reaches the on-premise system over HTTP: forward (the user's JWT in
	 * SAP-Connectivity-Authentication), exchange (a jwt-bearer token of the connectivity service
	 * in Proxy-Authorization) or none.
	 */
	private PrincipalPropagation principalPropagation = PrincipalPropagation.FORWARD;

	/**
	 * Whether HTTP requests carry a client-credentials token in
	 * SAP-Connectivity-Technical-Authentication, so the Cloud Connector maps it to a technical user.
	 */
	private boolean technicalUserPropagation;

	/**
	 * Virtual hosts reached directly at a local address instead of through the proxy, outside
	 * production only (the application refuses to start with them in production): keys
	 * '<virtual-host>:<port>', values '<host>:<port>', e.g.
	 * btp.connectivity.local-routes[mail.virtual:25]=localhost:3025. Applies to the SOCKS5 sockets
	 * (mail, LDAP) and to the routed HTTP clients alike.
	 */
	private Map<String, String> localRoutes = new LinkedHashMap<>();

	/** Address of the connectivity proxy. */
	private final Proxy proxy = new Proxy();

	/** HTTP clients (RestClient, RestTemplate, WebClient). */
	private final Http http = new Http();

	/** Jakarta Mail (JavaMailSender and mail stores). */
	private final Mail mail = new Mail();

	/** JNDI and Spring LDAP. */
	private final Ldap ldap = new Ldap();

	public String getLocationId() {
		return this.locationId;
	}

	public void setLocationId(String locationId) {
		this.locationId = locationId;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public PrincipalPropagation getPrincipalPropagation() {
		return this.principalPropagation;
	}

	public void setPrincipalPropagation(PrincipalPropagation principalPropagation) {
		this.principalPropagation = principalPropagation;
	}

	public boolean isTechnicalUserPropagation() {
		return this.technicalUserPropagation;
	}

	public void setTechnicalUserPropagation(boolean technicalUserPropagation) {
		this.technicalUserPropagation = technicalUserPropagation;
	}

	public Map<String, String> getLocalRoutes() {
		return this.localRoutes;
	}

	public void setLocalRoutes(Map<String, String> localRoutes) {
		this.localRoutes = localRoutes;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public Http getHttp() {
		return this.http;
	}

	public Mail getMail() {
		return this.mail;
	}

	public Ldap getLdap() {
		return this.ldap;
	}

	/** How the connectivity proxy authenticates requests. */
	public enum Mode {

		/** cloud-foundry when the binding names the proxy host, else kubernetes-untrusted. */
		AUTO,

		/** The proxy of the connectivity service on Cloud Foundry: every request carries a token. */
		CLOUD_FOUNDRY,

		/** A connectivity proxy on Kubernetes that trusts the cluster: no Proxy-Authorization. */
		KUBERNETES_TRUSTED,

		/** A connectivity proxy on Kubernetes that expects a token like on Cloud Foundry. */
		KUBERNETES_UNTRUSTED

	}

	/** How the current user is propagated to the on-premise system. */
	public enum PrincipalPropagation {

		/** The user's JWT goes in SAP-Connectivity-Authentication. */
		FORWARD,

		/** The user's JWT is exchanged (jwt-bearer) for a connectivity token sent to the proxy. */
		EXCHANGE,

		/** No user is propagated. */
		NONE

	}

	/** Address of the connectivity proxy; each value overrides the binding. */
	public static class Proxy {

		/**
		 * Host of the connectivity proxy. Defaults to the binding's onpremise_proxy_host, else on
		 * Kubernetes connectivity-proxy.kyma-system.svc.cluster.local. Set it to localhost to run
		 * locally through 'cf ssh -L'.
		 */
		private String host;

		/**
		 * HTTP port of the proxy. Defaults to the binding's onpremise_proxy_http_port (else
		 * onpremise_proxy_port), else on Kubernetes 20003.
		 */
		private Integer httpPort;

		/**
		 * SOCKS5 port of the proxy. Defaults to the binding's onpremise_socks5_proxy_port, else on
		 * Kubernetes 20004.
		 */
		private Integer socks5Port;

		/**
		 * Deadline for reaching the proxy: the TCP connect plus the whole SOCKS5 handshake (also
		 * when the caller sets no timeout, and never longer than the caller's own connect timeout),
		 * and the connect to the HTTP port. Once connected, the client's own read timeout applies.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public Integer getHttpPort() {
			return this.httpPort;
		}

		public void setHttpPort(Integer httpPort) {
			this.httpPort = httpPort;
		}

		public Integer getSocks5Port() {
			return this.socks5Port;
		}

		public void setSocks5Port(Integer socks5Port) {
			this.socks5Port = socks5Port;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

	}

	/** HTTP clients. */
	public static class Http {

		/**
		 * Host patterns (virtual hosts of the Cloud Connector, '*' as wildcard, e.g. '*.virtual')
		 * that RestClient, RestTemplate and WebClient reach through the proxy. Other hosts are
		 * reached directly.
		 */
		private List<String> hosts = new ArrayList<>();

		public List<String> getHosts() {
			return this.hosts;
		}

		public void setHosts(List<String> hosts) {
			this.hosts = hosts;
		}

	}

	/** Jakarta Mail. */
	public static class Mail {

		/**
		 * Whether Spring Boot's JavaMailSender and the sessions of ConnectivityMailSessions connect
		 * through the SOCKS5 proxy (SMTP, IMAP, POP3; plain, STARTTLS and implicit TLS).
		 */
		private boolean enabled;

		/**
		 * Name of a MAIL destination that configures the JavaMailSender and the sessions of
		 * ConnectivityMailSessions (host, port, protocol, user, password, mail.*); OnPremise ones
		 * connect through the SOCKS5 proxy with the destination's location id, others directly.
		 */
		private String destination;

		/**
		 * Name of a destination fragment (several separated by commas) merged into that MAIL
		 * destination at every look-up (X-fragment-name); the look-up fails when it does not exist.
		 */
		private String destinationFragment;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getDestination() {
			return this.destination;
		}

		public void setDestination(String destination) {
			this.destination = destination;
		}

		public String getDestinationFragment() {
			return this.destinationFragment;
		}

		public void setDestinationFragment(String destinationFragment) {
			this.destinationFragment = destinationFragment;
		}

	}

	/** JNDI and Spring LDAP. */
	public static class Ldap {

		/**
		 * Whether Spring LDAP's context source (spring.ldap.*) connects through the SOCKS5 proxy.
		 * Plain JNDI contexts use the proxy with java.naming.ldap.factory.socket set to
		 * dev.btpboot.connectivity.socks.ConnectivitySocketFactory.
		 */
		private boolean enabled;

		/**
		 * Name of an LDAP destination that configures Spring LDAP's context source (ldap.url,
		 * ldap.user, ldap.password); OnPremise ones connect through the SOCKS5 proxy with the
		 * destination's location id, others directly.
		 */
		private String destination;

		/**
		 * Name of a destination fragment (several separated by commas) merged into that LDAP
		 * destination at every look-up (X-fragment-name); the look-up fails when it does not exist.
		 */
		private String destinationFragment;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getDestination() {
			return this.destination;
		}

		public void setDestination(String destination) {
			this.destination = destination;
		}

		public String getDestinationFragment() {
			return this.destinationFragment;
		}

		public void setDestinationFragment(String destinationFragment) {
			this.destinationFragment = destinationFragment;
		}

	}

}
