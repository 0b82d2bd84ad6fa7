package io.cascade.engine.common;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The part of a webhook URL anyone reading history may see. A Slack or Teams incoming-webhook URL
 * carries its credential in the path, so only team admins see a URL whole.
 */
public final class UrlOrigin {

    private UrlOrigin() {
    }

    /** scheme://host[:port] of the URL, without user info, path, query or fragment; null if it is not readable. */
    public static String of(String url) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
        String authority = uri.getRawAuthority();
        if (uri.getScheme() == null || authority == null) {
            return null;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        return hostAndPort.isEmpty() ? null : uri.getScheme() + "://" + hostAndPort;
    }
}
