package dev.btpboot.benchmarks.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The soak's peers on loopback, JDK {@code HttpServer}s: an XSUAA tenant (signing keys at
 * {@code /token_keys}, rotated on request, the previous key still published for tokens signed
 * before; a token endpoint at {@code /oauth/token} that can be switched into an outage answering
 * 503) and the connectivity proxy's HTTP port, which answers every proxied request that carries a
 * proxy token and the user's token.
 */
final class SoakIdentityServer implements AutoCloseable {

	static final String XSAPPNAME = "soak!t1";

	static final String CLIENT_ID = "sb-" + XSAPPNAME;

	/** Lifetime of the client-credentials tokens it issues. */
	static final Duration CLIENT_TOKEN_LIFETIME = Duration.ofSeconds(90);

	private final HttpServer identity;

	private final HttpServer proxy;

	private final ExecutorService threads = Executors.newFixedThreadPool(6);

	private volatile RSAKey current;

	private volatile RSAKey previous;

	private final AtomicInteger keyNumber = new AtomicInteger();

	private volatile boolean outage;

	/** When the last client-credentials token was issued, epoch millis (0: none yet). */
	final AtomicLong lastClientTokenIssued = new AtomicLong();

	/** Token endpoint answers by status, JWKS fetches and proxy answers by status. */
	final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	SoakIdentityServer() throws IOException {
		this.current = newKey();
		this.identity = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		this.identity.createContext("/token_keys", this::tokenKeys);
		this.identity.createContext("/oauth/token", this::token);
		this.identity.setExecutor(this.threads);
		this.proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		this.proxy.createContext("/", this::proxied);
		this.proxy.setExecutor(this.threads);
		this.identity.start();
		this.proxy.start();
	}

	String uaaDomain() {
		return "127.0.0.1:" + this.identity.getAddress().getPort();
	}

	/** @return {@code VCAP_SERVICES} binding the application to this XSUAA tenant and proxy */
	String vcapServices() {
		String url = "http://" + uaaDomain();
		return "{\"xsuaa\":[{\"name\":\"soak-xsuaa\",\"label\":\"xsuaa\",\"tags\":[\"xsuaa\"],\"credentials\":{"
				+ "\"clientid\":\"" + CLIENT_ID + "\",\"clientsecret\":\"soak-secret\",\"url\":\"" + url
				+ "\",\"uaadomain\":\"" + uaaDomain() + "\",\"xsappname\":\"" + XSAPPNAME + "\"}}],"
				+ "\"connectivity\":[{\"name\":\"soak-connectivity\",\"label\":\"connectivity\",\"credentials\":{"
				+ "\"clientid\":\"sb-soak-connectivity\",\"clientsecret\":\"soak-connectivity-secret\","
				+ "\"token_service_url\":\"" + url + "\",\"onpremise_proxy_host\":\"127.0.0.1\","
				+ "\"onpremise_proxy_http_port\":\"" + this.proxy.getAddress().getPort() + "\"}}]}";
	}

	/** Publishes a new signing key next to the current one; new tokens are signed with it. */
	void rotateKey() {
		RSAKey next = newKey();
		this.previous = this.current;
		this.current = next;
	}

	String currentKeyId() {
		return this.current.getKeyID();
	}

	void outage(boolean on) {
		this.outage = on;
	}

	boolean inOutage() {
		return this.outage;
	}

	/** @return a user token (Viewer) signed with the current key */
	String userToken(String user, Duration lifetime) {
		return sign(this.current, claims(user).claim("user_name", user)
			.claim("scope", List.of(XSAPPNAME + ".Viewer"))
			.expirationTime(Date.from(Instant.now().plus(lifetime)))
			.build());
	}

	private JWTClaimsSet.Builder claims(String subject) {
		return new JWTClaimsSet.Builder().issuer("http://" + uaaDomain() + "/oauth/token")
			.audience(List.of(CLIENT_ID))
			.claim("azp", CLIENT_ID)
			.claim("cid", CLIENT_ID)
			.claim("zid", "soak-tenant")
			.subject(subject)
			.issueTime(new Date());
	}

	private void tokenKeys(HttpExchange exchange) throws IOException {
		count("jwks fetches");
		RSAKey before = this.previous;
		JWKSet keys = (before != null) ? new JWKSet(List.of(this.current, before)) : new JWKSet(this.current);
		respond(exchange, 200, keys.toPublicJWKSet().toString());
	}

	private void token(HttpExchange exchange) throws IOException {
		drain(exchange.getRequestBody());
		if (this.outage) {
			count("token endpoint 503");
			respond(exchange, 503, "{\"error\":\"temporarily_unavailable\"}");
			return;
		}
		count("token endpoint 200");
		String token = sign(this.current, claims(CLIENT_ID)
			.claim("scope", List.of("uaa.resource"))
			.expirationTime(Date.from(Instant.now().plus(CLIENT_TOKEN_LIFETIME)))
			.build());
		this.lastClientTokenIssued.set(System.currentTimeMillis());
		respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
				+ CLIENT_TOKEN_LIFETIME.toSeconds() + "}");
	}

	private void proxied(HttpExchange exchange) throws IOException {
		drain(exchange.getRequestBody());
		String proxyToken = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
		String user = exchange.getRequestHeaders().getFirst("SAP-Connectivity-Authentication");
		boolean ok = proxyToken != null && proxyToken.startsWith("Bearer ") && user != null;
		count("proxy " + (ok ? 200 : 407));
		respond(exchange, ok ? 200 : 407, ok ? "{\"d\":{\"results\":[]}}" : "{\"error\":\"proxy token missing\"}");
	}

	private void count(String what) {
		this.counts.computeIfAbsent(what, (k) -> new LongAdder()).increment();
	}

	private static void drain(InputStream body) throws IOException {
		try (body) {
			body.transferTo(OutputStream.nullOutputStream());
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("soak-key-" + this.keyNumber.incrementAndGet()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.identity.stop(0);
		this.proxy.stop(0);
		this.threads.shutdownNow();
	}

}
