package dev.btpboot.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/** Secure-by-default filter chain: which mode, which paths are public, which mock users exist. */
@ConfigurationProperties(BtpSecurityProperties.PREFIX)
public class BtpSecurityProperties {

	/** The property prefix. */
	public static final String PREFIX = "btp.security";

	/** Whether the starter installs its catch-all filter chain. */
	private boolean enabled = true;

	/**
	 * How requests are authenticated: auto (JWT when xsuaa or identity is bound, mock users
	 * otherwise, refusal to start in production without a binding), jwt or mock.
	 */
	private SecurityMode mode = SecurityMode.AUTO;

	/**
	 * Profiles that mean the application runs in production, where mock users are refused;
	 * active profiles count, and the default profiles (spring.profiles.default) when none is active.
	 */
	private List<String> productionProfiles = new ArrayList<>(List.of("cloud", "production", "prod"));

	/** Path patterns open to anonymous requests, e.g. /public/**. */
	private List<String> publicPaths = new ArrayList<>();

	/**
	 * The client certificate a TLS terminator forwards in a request header: which header, which
	 * TCP peers may set it, and how many of its trailing elements trusted hops appended.
	 */
	private final ForwardedClientCertificate forwardedClientCertificate = new ForwardedClientCertificate();

	/**
	 * X.509 client certificates mapped to users, by key (the key is the user name). Any entry
	 * enables authentication by the certificate in the forwarded client certificate header, as
	 * far as a trusted proxy set it (btp.security.forwarded-client-certificate). None (the
	 * default): the header never authenticates.
	 */
	private Map<String, ClientCertificate> clientCertificates = new LinkedHashMap<>();

	/**
	 * Whether IAS users get an XSUAA token by jwt-bearer exchange at the xsuaa binding, when both
	 * xsuaa and identity are bound: disabled, provide-xsuaa (the user also carries the exchanged
	 * token, for principal propagation and destination user tokens) or force-xsuaa (the request is
	 * authenticated by the exchanged token, its scopes are the authorities).
	 */
	private TokenExchange tokenExchange = TokenExchange.DISABLED;

	/** Mock users for local runs and tests. */
	private final Mock mock = new Mock();

	/** OAuth 2.0 protected resource metadata (RFC 9728) of JWT mode. */
	private final ProtectedResourceMetadata protectedResourceMetadata = new ProtectedResourceMetadata();

	/** Method security (@PreAuthorize, @PostAuthorize, @Secured, JSR-250). */
	private final MethodSecurity methodSecurity = new MethodSecurity();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public SecurityMode getMode() {
		return this.mode;
	}

	public void setMode(SecurityMode mode) {
		this.mode = mode;
	}

	public List<String> getProductionProfiles() {
		return this.productionProfiles;
	}

	public void setProductionProfiles(List<String> productionProfiles) {
		this.productionProfiles = productionProfiles;
	}

	public List<String> getPublicPaths() {
		return this.publicPaths;
	}

	public void setPublicPaths(List<String> publicPaths) {
		this.publicPaths = publicPaths;
	}

	public ForwardedClientCertificate getForwardedClientCertificate() {
		return this.forwardedClientCertificate;
	}

	/**
	 * Request header carrying the forwarded client certificate.
	 * @return the header
	 * @deprecated in favour of {@code btp.security.forwarded-client-certificate.header}
	 */
	@Deprecated(since = "0.1.0")
	@DeprecatedConfigurationProperty(replacement = "btp.security.forwarded-client-certificate.header",
			since = "0.1.0")
	public String getClientCertificateHeader() {
		return this.forwardedClientCertificate.getHeader();
	}

	/**
	 * @param clientCertificateHeader the header
	 * @deprecated in favour of {@code btp.security.forwarded-client-certificate.header}
	 */
	@Deprecated(since = "0.1.0")
	public void setClientCertificateHeader(String clientCertificateHeader) {
		this.forwardedClientCertificate.setHeader(clientCertificateHeader);
	}

	public Map<String, ClientCertificate> getClientCertificates() {
		return this.clientCertificates;
	}

	public void setClientCertificates(Map<String, ClientCertificate> clientCertificates) {
		this.clientCertificates = clientCertificates;
	}

	public TokenExchange getTokenExchange() {
		return this.tokenExchange;
	}

	public void setTokenExchange(TokenExchange tokenExchange) {
		this.tokenExchange = tokenExchange;
	}

	public Mock getMock() {
		return this.mock;
	}

	public MethodSecurity getMethodSecurity() {
		return this.methodSecurity;
	}

	public ProtectedResourceMetadata getProtectedResourceMetadata() {
		return this.protectedResourceMetadata;
	}

	/** Exchange of IAS user tokens for XSUAA tokens (hybrid applications moving from XSUAA to IAS). */
	public enum TokenExchange {

		/** IAS users keep their IAS token and groups. */
		DISABLED,

		/** IAS users keep their groups and also carry the exchanged XSUAA token. */
		PROVIDE_XSUAA,

		/** IAS users are authenticated by the exchanged XSUAA token, whose scopes are the authorities. */
		FORCE_XSUAA

	}

	/** Method security switched on by the starter. */
	public static class MethodSecurity {

		/**
		 * Whether the starter enables method security (@PreAuthorize, @PostAuthorize, @PreFilter,
		 * @PostFilter, @Secured, JSR-250) when the application does not configure method security
		 * itself.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** Mock users: HTTP Basic users from configuration, for local runs only. */
	public static class Mock {

		/**
		 * Whether mock users may be used. Defaults to true outside production; in production they
		 * are refused even when this is set to true.
		 */
		private Boolean enabled;

		/** Whether to add the users 'authenticated' (no roles) and 'system' (role system-user). */
		private boolean defaultUsers = true;

		/**
		 * Whether mock users with a password answer clients other than loopback ones (judged by the
		 * TCP peer, never by forwarded headers), e.g. a local container run with a published port.
		 * Users without a password answer loopback clients only in any case.
		 */
		private boolean remoteClients;

		/**
		 * The mock users by key (the key is the user name unless 'name' is set); a YAML list of
		 * users with a 'name' each binds as well.
		 */
		private Map<String, User> users = new LinkedHashMap<>();

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isDefaultUsers() {
			return this.defaultUsers;
		}

		public void setDefaultUsers(boolean defaultUsers) {
			this.defaultUsers = defaultUsers;
		}

		public boolean isRemoteClients() {
			return this.remoteClients;
		}

		public void setRemoteClients(boolean remoteClients) {
			this.remoteClients = remoteClients;
		}

		public Map<String, User> getUsers() {
			return this.users;
		}

		public void setUsers(Map<String, User> users) {
			this.users = users;
		}

	}

	/** One mock user. */
	public static class User {

		/** The user name; defaults to the key under btp.security.mock.users. */
		private String name;

		/**
		 * The HTTP Basic password (plain text, local use only); empty by default. A user without a
		 * password is accepted only from a loopback client (127.0.0.0/8, ::1), whatever
		 * btp.security.mock.remote-clients says.
		 */
		private String password = "";

		/** Roles, which become authorities unchanged (hasAuthority('Viewer')). */
		private Set<String> roles = new LinkedHashSet<>();

		/** User attributes, each with one or more values. */
		private Map<String, List<String>> attributes = new LinkedHashMap<>();

		/** The tenant id of the user. */
		private String tenant;

		/** The subdomain of the user's tenant. */
		private String subdomain;

		/** Feature toggles of the user. */
		private Set<String> features = new LinkedHashSet<>();

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public Set<String> getRoles() {
			return this.roles;
		}

		public void setRoles(Set<String> roles) {
			this.roles = roles;
		}

		public Map<String, List<String>> getAttributes() {
			return this.attributes;
		}

		public void setAttributes(Map<String, List<String>> attributes) {
			this.attributes = attributes;
		}

		public String getTenant() {
			return this.tenant;
		}

		public void setTenant(String tenant) {
			this.tenant = tenant;
		}

		public String getSubdomain() {
			return this.subdomain;
		}

		public void setSubdomain(String subdomain) {
			this.subdomain = subdomain;
		}

		public Set<String> getFeatures() {
			return this.features;
		}

		public void setFeatures(Set<String> features) {
			this.features = features;
		}

	}

	/**
	 * The client certificate a TLS terminator forwards in a request header. Certificates are
	 * public: the header is only as good as the hop that sets it, so it counts only from a trusted
	 * TCP peer and only within the trailing elements trusted hops appended.
	 */
	public static class ForwardedClientCertificate {

		/**
		 * Request header carrying the client certificate (PEM, base64 DER, or Envoy's XFCC with
		 * Cert= in its elements), read for the proof of possession of certificate-bound tokens and
		 * for client certificate authentication.
		 */
		private String header = "X-Forwarded-Client-Cert";

		/**
		 * Addresses or CIDR ranges (IPv4, IPv6) of the TCP peers allowed to set the header, judged by
		 * the connection, never by forwarded headers; 'any' trusts every peer. The header of any
		 * other peer is ignored. Defaults to loopback (127.0.0.0/8, ::1: the Istio sidecar) on
		 * Kubernetes and locally, to none on Cloud Foundry (VCAP_APPLICATION), where 'any' is safe
		 * only when every route to the application is on a client-certificate domain.
		 */
		private List<String> trustedProxies;

		/**
		 * How many elements at the end of the header trusted hops appended; the certificate is the
		 * last of them that carries one, and elements further left never count. Defaults to 2 on
		 * Kubernetes (KUBERNETES_SERVICE_HOST: Istio's ingress gateway, then the sidecar's element
		 * without a certificate), else 1.
		 */
		private Integer hops;

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		public void setTrustedProxies(List<String> trustedProxies) {
			this.trustedProxies = trustedProxies;
		}

		public Integer getHops() {
			return this.hops;
		}

		public void setHops(Integer hops) {
			this.hops = hops;
		}

	}

	/** OAuth 2.0 protected resource metadata (RFC 9728) at /.well-known/oauth-protected-resource. */
	public static class ProtectedResourceMetadata {

		/**
		 * Whether JWT mode serves the metadata to anonymous requests and names it in the
		 * resource_metadata parameter of its 401 challenge.
		 */
		private boolean enabled;

		/**
		 * The resource identifier, an https URL; defaults to the application's first route of
		 * VCAP_APPLICATION. Never taken from the request's Host header.
		 */
		private String resource;

		/**
		 * Issuer URLs of the authorization servers; defaults to the url of the bound identity and
		 * xsuaa services.
		 */
		private List<String> authorizationServers;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getResource() {
			return this.resource;
		}

		public void setResource(String resource) {
			this.resource = resource;
		}

		public List<String> getAuthorizationServers() {
			return this.authorizationServers;
		}

		public void setAuthorizationServers(List<String> authorizationServers) {
			this.authorizationServers = authorizationServers;
		}

	}

	/**
	 * Which client certificates authenticate as one user: every criterion that is set must match
	 * (subject and issuer compared as distinguished names, after normalisation; any one of the
	 * fingerprints).
	 */
	public static class ClientCertificate {

		/** Subject distinguished name of the certificate (RFC 2253), e.g. CN=sender,O=ACME,C=DE. */
		private String subject;

		/** Issuer distinguished name of the certificate (RFC 2253); any issuer when not set. */
		private String issuer;

		/**
		 * SHA-256 fingerprints of the certificate: 64 hexadecimal digits, colons allowed, as
		 * 'openssl x509 -noout -fingerprint -sha256' prints them. Several, e.g. the current and the
		 * next certificate during a rotation.
		 */
		private List<String> sha256 = new ArrayList<>();

		/** Roles of the user, which become authorities unchanged (hasAuthority('Sender')). */
		private Set<String> roles = new LinkedHashSet<>();

		/** The tenant id of the user. */
		private String tenant;

		public String getSubject() {
			return this.subject;
		}

		public void setSubject(String subject) {
			this.subject = subject;
		}

		public String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(String issuer) {
			this.issuer = issuer;
		}

		public List<String> getSha256() {
			return this.sha256;
		}

		public void setSha256(List<String> sha256) {
			this.sha256 = sha256;
		}

		public Set<String> getRoles() {
			return this.roles;
		}

		public void setRoles(Set<String> roles) {
			this.roles = roles;
		}

		public String getTenant() {
			return this.tenant;
		}

		public void setTenant(String tenant) {
			this.tenant = tenant;
		}

	}

}
