package dev.btpboot.security;

/**
 * The RFC 9457 body of a refused request (401, 403), the same for the servlet
 * ({@code ProblemDetailFilter}) and the reactive ({@code ReactiveProblemDetailFilter}) chain, and of
 * a request the chain cannot authenticate because a service it depends on is unavailable (503). It
 * names no detail of the request: nothing from it is reflected.
 */
public final class ProblemDetails {

	public static final String MEDIA_TYPE = "application/problem+json";

	private ProblemDetails() {
	}

	public static boolean isRefusal(int status) {
		return status == 401 || status == 403;
	}

	/**
	 * @param status 401, 403 or 503
	 * @return the problem body of that status
	 */
	public static String problem(int status) {
		String title;
		String detail;
		switch (status) {
			case 401 -> {
				title = "Unauthorized";
				detail = "Authentication is required to access this resource.";
			}
			case 503 -> {
				title = "Service Unavailable";
				detail = "A service needed to authenticate the request is unavailable; try again later.";
			}
			default -> {
				title = "Forbidden";
				detail = "The authenticated user is not allowed to access this resource.";
			}
		}
		return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
				+ "\"}";
	}

}
