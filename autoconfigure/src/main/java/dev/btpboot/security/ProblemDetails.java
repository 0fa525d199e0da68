package dev.btpboot.security;


/**
 * The RFC 9457 body of a refused request (401, 403), the same for the servlet
 * ({@code ProblemDetailFilter}) and the reactive ({@code ReactiveProblemDetailFilter}) chain. It
 * names no detail of the request: nothing from it is reflected.
 */
public final class ProblemDetails {

	public static final String MEDIA_TYPE = "application/problem+json";

	private ProblemDetails() {
	}

	public static boolean isRefusal(int status) {
		return status == 401 || status == 403;
	}

	public static String problem(int status) {
		boolean unauthorized = status == 401;
		String title = unauthorized ? "Unauthorized" : "Forbidden";
		String detail = unauthorized ? "Authentication is required to access this resource."
				: "The authenticated user is not allowed to access this resource.";
		return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
				+ "\"}";
	}

}
