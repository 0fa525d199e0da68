package dev.btpboot.connectivity;

/**
 * The connectivity configuration cannot work: a proxy address or token source is missing. Says what
 * is wrong and what to do; at start-up, {@code ConnectivityFailureAnalyzer} shows both.
 */
public class ConnectivityConfigurationException extends RuntimeException {

	private final String action;

	/**
	 * @param problem what is wrong
	 * @param action what to do about it
	 */
	public ConnectivityConfigurationException(String problem, String action) {
		super("On-premise connectivity: " + problem + ". " + action);
		this.action = action;
	}

	/** @return what to do about it */
	public String getAction() {
		return this.action;
	}

}
