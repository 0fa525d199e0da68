package dev.btpboot.test.security;

/** Sends a request without credentials to the application under test. */
@FunctionalInterface
interface AnonymousRequests {

	/**
	 * @param method the HTTP method
	 * @param path the path below the application's context or base path
	 * @return the status code of the answer
	 */
	int statusOf(String method, String path);

}
