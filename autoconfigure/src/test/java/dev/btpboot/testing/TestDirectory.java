package dev.btpboot.testing;

import java.net.InetAddress;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;

/**
 * An UnboundID in-memory directory for tests, on 127.0.0.1 and a free port: base
 * {@code dc=example,dc=com}, bind user {@code cn=admin} with password {@code secret}.
 */
public final class TestDirectory {

	private TestDirectory() {
	}

	/**
	 * @param entries LDIF lines of each entry below the base entry, e.g.
	 *        {@code {"dn: uid=alice,dc=example,dc=com", "objectClass: inetOrgPerson", ...}}
	 * @return the started directory
	 * @throws Exception when the directory cannot start
	 */
	public static InMemoryDirectoryServer start(String[]... entries) throws Exception {
		InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
		config.addAdditionalBindCredentials("cn=admin", "secret");
		config.setListenerConfigs(
				InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getByName("127.0.0.1"), 0, null));
		InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
		directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
		for (String[] entry : entries) {
			directory.add(entry);
		}
		directory.startListening();
		return directory;
	}

}
