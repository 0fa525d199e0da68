package dev.btpboot.security.servlet;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import dev.btpboot.security.ProblemDetails;

/**
 * Answers a refused request (401, 403) with the {@link ProblemDetails} body in every mode, whoever
 * refused it: HTTP Basic and the access-denied handler call
 * {@code sendError} (which would render Spring Boot's error page), the bearer-token entry point
 * and access-denied handler only set the status. Headers already set, {@code WWW-Authenticate}
 * above all, stay as they are. A body someone else wrote is left alone.
 */
final class ProblemDetailFilter implements Filter {

	/**
	 * Acts on the request dispatch only, like a {@code OncePerRequestFilter} with its defaults
	 * (error and async dispatches pass through), without the request attribute that marks one:
	 * Tomcat announces each attribute write and removal to the application's listeners.
	 */
	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request.getDispatcherType() != DispatcherType.REQUEST
				|| !(response instanceof HttpServletResponse httpResponse)) {
			chain.doFilter(request, response);
			return;
		}
		RefusalResponse wrapped = new RefusalResponse(httpResponse);
		chain.doFilter(request, wrapped);
		int status = wrapped.getStatus();
		if (!wrapped.bodyStarted && !httpResponse.isCommitted() && ProblemDetails.isRefusal(status)) {
			wrapped.writeProblem(status);
		}
	}

	/** Turns {@code sendError} for a refusal into the status plus a problem body. */
	private static final class RefusalResponse extends HttpServletResponseWrapper {

		private boolean bodyStarted;

		RefusalResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendError(int sc) throws IOException {
			sendError(sc, null);
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			if (!ProblemDetails.isRefusal(sc) || this.bodyStarted || isCommitted()) {
				super.sendError(sc, msg);
				return;
			}
			// Like sendError: whatever was buffered is discarded, the headers stay.
			resetBuffer();
			writeProblem(sc);
		}

		void writeProblem(int status) throws IOException {
			setStatus(status);
			setContentType(ProblemDetails.MEDIA_TYPE);
			byte[] body = ProblemDetails.problem(status).getBytes(StandardCharsets.UTF_8);
			setContentLength(body.length);
			ServletOutputStream out = super.getOutputStream();
			this.bodyStarted = true;
			out.write(body);
			flushBuffer();
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			this.bodyStarted = true;
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			this.bodyStarted = true;
			return super.getWriter();
		}

	}

}
