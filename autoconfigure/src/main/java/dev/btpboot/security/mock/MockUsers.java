package dev.btpboot.security.mock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.BtpUser;
import org.apache.commons.logging.Log;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The mock users of {@code btp.security.mock}: the configured ones plus, unless
 * {@code default-users=false}, {@code authenticated} (no roles) and {@code system} (role
 * {@code system-user}). Test support reads them to authenticate a test as one of them.
 */
public final class MockUsers {

	/** The HTTP Basic realm of the mock users. */
	public static final String REALM = "btp-spring-boot mock users";

	private static final String REMOTE_CLIENTS_WARNING = "btp.security.mock.remote-clients=true: mock users with a "
			+ "password answer clients on any address. Anyone who can reach the port and knows such a password is "
			+ "signed in with that user's roles; keep it to a local container or a test machine.";

	private final Map<String, MockUser> users;

	private final boolean remoteClients;

	private MockUsers(Map<String, MockUser> users, boolean remoteClients) {
		this.users = users;
		this.remoteClients = remoteClients;
	}

	/**
	 * @param mock the mock configuration
	 * @return the users it defines
	 * @throws IllegalArgumentException when a user given in list form has no name
	 */
	public static MockUsers from(BtpSecurityProperties.Mock mock) {
		Map<String, MockUser> users = new LinkedHashMap<>();
		if (mock.isDefaultUsers()) {
			users.put("authenticated", new MockUser(new BtpUser("authenticated", null, null, Set.of(), null, null,
					null), ""));
			users.put("system", new MockUser(new BtpUser("system", null, null, Set.of("system-user"), null, null,
					null), ""));
		}
		mock.getUsers().forEach((key, user) -> {
			String name = (user.getName() != null) ? user.getName() : key;
			if (user.getName() == null && key.chars().allMatch(Character::isDigit)) {
				throw new IllegalArgumentException("btp.security.mock.users[" + key + "] has no name: a user given "
						+ "in list form needs 'name'");
			}
			users.put(name, new MockUser(new BtpUser(name, user.getTenant(), user.getSubdomain(), user.getRoles(),
					user.getAttributes(), user.getFeatures(), null), (user.getPassword() != null)
							? user.getPassword() : ""));
		});
		return new MockUsers(users, mock.isRemoteClients());
	}

	/**
	 * @param environment the environment holding {@code btp.security.mock.*}
	 * @return the users configured there
	 */
	public static MockUsers from(Environment environment) {
		return from(Binder.get(environment)
			.bindOrCreate(BtpSecurityProperties.PREFIX, BtpSecurityProperties.class)
			.getMock());
	}

	/**
	 * @param name a user name
	 * @return the mock user of that name
	 */
	public Optional<BtpUser> find(String name) {
		return Optional.ofNullable(this.users.get(name)).map(MockUser::user);
	}

	/** @return every mock user, without passwords */
	public List<BtpUser> users() {
		return this.users.values().stream().map(MockUser::user).toList();
	}

	/**
	 * The authentication of a mock user, as HTTP Basic produces it: the {@link BtpUser} as
	 * principal, its roles unchanged as authorities.
	 * @param user the user
	 * @return an authenticated token
	 */
	public static UsernamePasswordAuthenticationToken authentication(BtpUser user) {
		return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
	}

	/**
	 * @param name a user name
	 * @return whether that user exists and answers only loopback clients: every user unless
	 * {@code remote-clients=true}, a user without a password always
	 */
	boolean isLoopbackOnly(String name) {
		MockUser user = this.users.get(name);
		return user != null && (!this.remoteClients || user.passwordless());
	}

	/**
	 * HTTP Basic credentials checked against the mock users, for the servlet and the reactive chain.
	 * @param basic the name and password of an HTTP Basic request
	 * @param loopbackClient whether the TCP peer of the request is a loopback address
	 * @return the authentication of the mock user ({@link #authentication(BtpUser)})
	 * @throws BadCredentialsException when the user is unknown, the password wrong, or the client
	 *         is not a loopback client while the user answers only those
	 */
	public UsernamePasswordAuthenticationToken authenticate(Authentication basic, boolean loopbackClient) {
		String password = (basic.getCredentials() != null) ? basic.getCredentials().toString() : "";
		BtpUser user = authenticate(basic.getName(), password, loopbackClient)
			.orElseThrow(() -> new BadCredentialsException("Unknown mock user, wrong password, or a mock user "
					+ "that answers loopback clients only asked for by a client that is not on the loopback address"));
		return authentication(user);
	}

	/**
	 * The user when the password is right (compared in constant time) and the client may use it: a
	 * loopback client, or any client for a user with a password when {@code remote-clients=true}. A
	 * plain container or VM is not recognised as production, so anyone who can reach the port
	 * could log in otherwise.
	 */
	public Optional<BtpUser> authenticate(String name, String password, boolean loopbackClient) {
		MockUser user = this.users.get(name);
		if (user == null || (!loopbackClient && isLoopbackOnly(name))) {
			return Optional.empty();
		}
		boolean matches = MessageDigest.isEqual(user.password().getBytes(StandardCharsets.UTF_8),
				password.getBytes(StandardCharsets.UTF_8));
		return matches ? Optional.of(user.user()) : Optional.empty();
	}

	/**
	 * Announces the mock users at start-up: the banner that lists them at INFO and, when users
	 * with a password answer other machines, that warning at WARN.
	 * @param logger the logger of the auto-configuration that made them
	 */
	public void announce(Log logger) {
		logger.info(banner());
		if (this.remoteClients) {
			logger.warn(REMOTE_CLIENTS_WARNING);
		}
	}

	private String banner() {
		String list = users()
			.stream()
			.map((user) -> describe(user, this.users.get(user.name()).passwordless()))
			.collect(Collectors.joining(System.lineSeparator() + "  ", "  ", ""));
		return "MOCK USERS ARE ACTIVE: requests authenticate by HTTP Basic against btp.security.mock.users. "
				+ "Mock users are for local development and tests and must never be used in production. "
				+ (this.remoteClients ? "Users without a password answer only clients on the loopback address"
						: "They answer only clients on the loopback address")
				+ " (by socket, not by forwarded headers)." + System.lineSeparator() + list;
	}


	private static String describe(BtpUser user, boolean passwordless) {
		return user.name() + " roles=" + user.roles().stream().sorted().toList()
				+ ((user.tenant() != null) ? " tenant=" + user.tenant() : "")
				+ (passwordless ? " (no password: loopback clients only)" : "");
	}

	private record MockUser(BtpUser user, String password) {

		boolean passwordless() {
			return this.password.isEmpty();
		}

		@Override
		public String toString() {
			return this.user.toString();
		}

	}

}
