package dev.btpboot.security.servlet;

import java.io.IOException;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Records the address of the TCP peer of each request for {@link PeerAddressResolver}. Tomcat's
 * {@code getPeerAddr()} is the connection's own address, which the {@code RemoteIpValve} of
 * {@code server.forward-headers-strategy=native} leaves alone while it rewrites
 * {@code getRemoteAddr()} from {@code X-Forwarded-For}; so the valve's position among the engine
 * valves does not matter.
 */
final class PeerAddressValve extends ValveBase {

	PeerAddressValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		request.setAttribute(PeerAddressResolver.PEER_ADDRESS_ATTRIBUTE, request.getPeerAddr());
		getNext().invoke(request, response);
	}

}
