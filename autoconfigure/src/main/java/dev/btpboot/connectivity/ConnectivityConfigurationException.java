package dev.btpboot.connectivity;

/**
 * The connectivity configuration cannot work: a proxy address or token source is missing. Says what
 * is wrong and what to do; at start-up, {@code ConnectivityFailureAnalyzer} shows both.
 */
public class ConnectivityConfigurationException extends RuntimeException {

	private final String problem;

	private final String action;

	/**
	 * @param problem what is wrong
	 * @param action what to do about it
	 */
	public ConnectivityConfigurationException(String problem, String action) {
		super("On-premise connectivity: " + problem + ". " + action);
		this.problem = "On-premise connectivity: " + problem + ".";
		this.action = action;
	}

	/**
	 * @param property the property that switched a SOCKS5 feature on
	 * @return the failure of a feature switched on without a connectivity proxy
	 */
	public static ConnectivityConfigurationException proxyMissing(String property) {
		return new ConnectivityConfigurationException(property + "=true, but there is no connectivity binding and "
				+ "btp.connectivity.proxy.host is not set",
				"Bind the connectivity service (for a local run: btp.bindings.local-file), and for a run through "
						+ "'cf ssh -L' set btp.connectivity.proxy.host=localhost.");
	}

	/**
	 * @param setting the setting that asks for the feature ({@code property=value})
	 * @param library what the feature needs, as a reader knows it ("Spring LDAP")
	 * @param dependency the Maven coordinates that bring it ({@code groupId:artifactId})
	 * @return the failure of a feature configured without the optional library it needs
	 */
	public static ConnectivityConfigurationException dependencyMissing(String setting, String library,
			String dependency) {
		String property = setting.substring(0, setting.indexOf('='));
		return new ConnectivityConfigurationException(setting + ", but " + library + " is not on the class path",
				"Add the dependency " + dependency + " to the application, or remove " + property + ".");
	}

	/** @return what is wrong, without what to do about it */
	public String getProblem() {
		return this.problem;
	}

	/** @return what to do about it */
	public String getAction() {
		return this.action;
	}

}
