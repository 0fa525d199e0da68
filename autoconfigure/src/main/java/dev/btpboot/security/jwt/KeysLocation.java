package dev.btpboot.security.jwt;

import java.io.IOException;
import java.net.URI;

/** Where the signing keys of one issuer are: fixed for XSUAA, found by OIDC discovery for IAS. */
@FunctionalInterface
interface KeysLocation {

	URI jwksUri() throws IOException;

}
