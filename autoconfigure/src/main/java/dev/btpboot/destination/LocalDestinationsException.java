package dev.btpboot.destination;

/**
 * Local destinations cannot be used: they are defined in production, or one cannot be read. Its
 * failure analyzer states the problem and the action; neither holds a value of a destination.
 */
class LocalDestinationsException extends RuntimeException {

	private final String action;

	LocalDestinationsException(String problem, String action) {
		super(problem);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
