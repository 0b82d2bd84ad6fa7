package io.cascade.api.cockpit;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A browser's session with Cockpit: its login, cookies and CSRF header, calling Cockpit's REST API. */
final class CockpitSession {

    static final String ENGINE = "/camunda/api/engine/engine/default/";

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser;

    private CockpitSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    /** Opens Cockpit and signs into the app ("cockpit", "tasklist", "admin"); the answer tells if it worked. */
    static Login login(String baseUrl, String user, String password, String app) {
        CockpitSession session = new CockpitSession(baseUrl);
        session.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/cockpit/default/")).GET());
        HttpResponse<String> answer = session.send(session.request("/camunda/api/admin/auth/user/default/login/" + app)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)));
        return new Login(session, answer);
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    /** A multipart upload, as Cockpit's deployment form sends it. */
    HttpResponse<String> upload(String path, String fileName, String content) {
        String boundary = "cascade-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nfrom-cockpit\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).reduce((first, last) -> last)
                .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Login(CockpitSession session, HttpResponse<String> answer) {

        boolean succeeded() {
            return answer.statusCode() == 200;
        }
    }
}
