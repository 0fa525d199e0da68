package dev.btpboot.connectivity.socks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.function.BiFunction;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An unconnected {@link SSLSocket} whose {@code connect} opens a tunnel through the connectivity
 * proxy and runs TLS inside it, with the virtual host as the peer name (so host-name verification
 * checks the virtual host). Jakarta Mail needs this for implicit TLS (SMTPS, IMAPS, POP3S): it
 * connects an SSL socket factory's sockets directly, so the factory it is given must hand out a
 * socket that is already an {@code SSLSocket}. Before {@code connect}, socket options go to the
 * tunnel; afterwards everything goes to the TLS layer.
 */
final class TunneledTlsSocket extends SSLSocket {

	private final Socket tunnel;

	private final SSLSocketFactory tls;

	private SSLSocket layer;

	TunneledTlsSocket(Socket tunnel, SSLSocketFactory tls) {
		this.tunnel = tunnel;
		this.tls = tls;
	}

	@Override
	public void connect(SocketAddress endpoint) throws IOException {
		connect(endpoint, 0);
	}

	@Override
	public void connect(SocketAddress endpoint, int timeout) throws IOException {
		this.tunnel.connect(endpoint, timeout);
		InetSocketAddress target = (InetSocketAddress) endpoint;
		this.layer = (SSLSocket) this.tls.createSocket(this.tunnel, target.getHostString(), target.getPort(), true);
	}

	private Socket socket() {
		return (this.layer != null) ? this.layer : this.tunnel;
	}

	private SSLSocket layer() {
		if (this.layer == null) {
			throw new IllegalStateException("TLS settings apply once the socket is connected");
		}
		return this.layer;
	}

	@Override
	public void bind(SocketAddress bindpoint) throws IOException {
		this.tunnel.bind(bindpoint);
	}

	@Override
	public InputStream getInputStream() throws IOException {
		return socket().getInputStream();
	}

	@Override
	public OutputStream getOutputStream() throws IOException {
		return socket().getOutputStream();
	}

	@Override
	public void close() throws IOException {
		socket().close();
		this.tunnel.close();
	}

	@Override
	public boolean isConnected() {
		return socket().isConnected();
	}

	@Override
	public boolean isBound() {
		return socket().isBound();
	}

	@Override
	public boolean isClosed() {
		return socket().isClosed();
	}

	@Override
	public boolean isInputShutdown() {
		return socket().isInputShutdown();
	}

	@Override
	public boolean isOutputShutdown() {
		return socket().isOutputShutdown();
	}

	@Override
	public void shutdownInput() throws IOException {
		socket().shutdownInput();
	}

	@Override
	public void shutdownOutput() throws IOException {
		socket().shutdownOutput();
	}

	@Override
	public InetAddress getInetAddress() {
		return socket().getInetAddress();
	}

	@Override
	public InetAddress getLocalAddress() {
		return socket().getLocalAddress();
	}

	@Override
	public int getPort() {
		return socket().getPort();
	}

	@Override
	public int getLocalPort() {
		return socket().getLocalPort();
	}

	@Override
	public SocketAddress getRemoteSocketAddress() {
		return socket().getRemoteSocketAddress();
	}

	@Override
	public SocketAddress getLocalSocketAddress() {
		return socket().getLocalSocketAddress();
	}

	@Override
	public void setSoTimeout(int timeout) throws SocketException {
		socket().setSoTimeout(timeout);
	}

	@Override
	public int getSoTimeout() throws SocketException {
		return socket().getSoTimeout();
	}

	@Override
	public void setTcpNoDelay(boolean on) throws SocketException {
		socket().setTcpNoDelay(on);
	}

	@Override
	public boolean getTcpNoDelay() throws SocketException {
		return socket().getTcpNoDelay();
	}

	@Override
	public void setSoLinger(boolean on, int linger) throws SocketException {
		socket().setSoLinger(on, linger);
	}

	@Override
	public int getSoLinger() throws SocketException {
		return socket().getSoLinger();
	}

	@Override
	public void setKeepAlive(boolean on) throws SocketException {
		socket().setKeepAlive(on);
	}

	@Override
	public boolean getKeepAlive() throws SocketException {
		return socket().getKeepAlive();
	}

	@Override
	public void setSendBufferSize(int size) throws SocketException {
		socket().setSendBufferSize(size);
	}

	@Override
	public int getSendBufferSize() throws SocketException {
		return socket().getSendBufferSize();
	}

	@Override
	public void setReceiveBufferSize(int size) throws SocketException {
		socket().setReceiveBufferSize(size);
	}

	@Override
	public int getReceiveBufferSize() throws SocketException {
		return socket().getReceiveBufferSize();
	}

	@Override
	public void setReuseAddress(boolean on) throws SocketException {
		socket().setReuseAddress(on);
	}

	@Override
	public boolean getReuseAddress() throws SocketException {
		return socket().getReuseAddress();
	}

	@Override
	public void setTrafficClass(int tc) throws SocketException {
		socket().setTrafficClass(tc);
	}

	@Override
	public int getTrafficClass() throws SocketException {
		return socket().getTrafficClass();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.tls.getSupportedCipherSuites();
	}

	@Override
	public String[] getEnabledCipherSuites() {
		return layer().getEnabledCipherSuites();
	}

	@Override
	public void setEnabledCipherSuites(String[] suites) {
		layer().setEnabledCipherSuites(suites);
	}

	@Override
	public String[] getSupportedProtocols() {
		return layer().getSupportedProtocols();
	}

	@Override
	public String[] getEnabledProtocols() {
		return layer().getEnabledProtocols();
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		layer().setEnabledProtocols(protocols);
	}

	@Override
	public SSLSession getSession() {
		return layer().getSession();
	}

	@Override
	public SSLSession getHandshakeSession() {
		return layer().getHandshakeSession();
	}

	@Override
	public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
		layer().addHandshakeCompletedListener(listener);
	}

	@Override
	public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
		layer().removeHandshakeCompletedListener(listener);
	}

	@Override
	public void startHandshake() throws IOException {
		layer().startHandshake();
	}

	@Override
	public void setUseClientMode(boolean mode) {
		layer().setUseClientMode(mode);
	}

	@Override
	public boolean getUseClientMode() {
		return layer().getUseClientMode();
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		layer().setNeedClientAuth(need);
	}

	@Override
	public boolean getNeedClientAuth() {
		return layer().getNeedClientAuth();
	}

	@Override
	public void setWantClientAuth(boolean want) {
		layer().setWantClientAuth(want);
	}

	@Override
	public boolean getWantClientAuth() {
		return layer().getWantClientAuth();
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		layer().setEnableSessionCreation(flag);
	}

	@Override
	public boolean getEnableSessionCreation() {
		return layer().getEnableSessionCreation();
	}

	@Override
	public SSLParameters getSSLParameters() {
		return layer().getSSLParameters();
	}

	@Override
	public void setSSLParameters(SSLParameters params) {
		layer().setSSLParameters(params);
	}

	@Override
	public String getApplicationProtocol() {
		return layer().getApplicationProtocol();
	}

	@Override
	public String getHandshakeApplicationProtocol() {
		return layer().getHandshakeApplicationProtocol();
	}

	@Override
	public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, java.util.List<String>, String> selector) {
		layer().setHandshakeApplicationProtocolSelector(selector);
	}

	@Override
	public BiFunction<SSLSocket, java.util.List<String>, String> getHandshakeApplicationProtocolSelector() {
		return layer().getHandshakeApplicationProtocolSelector();
	}

	@Override
	public String toString() {
		return "TunneledTlsSocket[" + socket() + "]";
	}

}
