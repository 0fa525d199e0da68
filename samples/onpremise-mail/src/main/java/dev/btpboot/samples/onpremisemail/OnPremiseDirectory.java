package dev.btpboot.samples.onpremisemail;

import java.util.List;

import javax.naming.directory.Attributes;

import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.query.LdapQueryBuilder;
import org.springframework.stereotype.Service;

/** Looks people up in the on-premise directory; {@code LdapTemplate} connects through the proxy. */
@Service
public class OnPremiseDirectory {

	private final LdapTemplate ldap;

	OnPremiseDirectory(LdapTemplate ldap) {
		this.ldap = ldap;
	}

	/**
	 * @param uid a user id
	 * @return the mail addresses of the people with that uid
	 */
	public List<String> mailOf(String uid) {
		return this.ldap.search(LdapQueryBuilder.query().where("uid").is(uid),
				(Attributes attributes) -> (String) attributes.get("mail").get());
	}

}
