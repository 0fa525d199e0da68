package dev.btpboot.tenancy;

/**
 * The tenancy configuration cannot work: the application has a saas-registry binding but no
 * valid {@code btp.tenancy.tenant-url}. Says what is wrong and what to do; at start-up,
 * {@code TenancyFailureAnalyzer} shows both.
 */
public class TenancyConfigurationException extends RuntimeException {

	private final String problem;

	private final String action;

	/**
	 * @param problem what is wrong
	 * @param action what to do about it
	 */
	public TenancyConfigurationException(String problem, String action) {
		super(problem + " " + action);
		this.problem = problem;
		this.action = action;
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
