package nl.bronsein.identityprovider;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Aanmelden: the login form in Dutch, for the staff who use the nodes' pages; the form posts to Spring Security's
 * {@code /login} as its default page does. No template engine for one page.
 */
@Controller
class LoginPage {

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String login(CsrfToken csrf, @RequestParam(required = false) String error,
                 @RequestParam(required = false) String logout) {
        String message = error != null ? "<p role=\"alert\">Onbekende gebruikersnaam of onjuist wachtwoord.</p>"
                : logout != null ? "<p>U bent afgemeld.</p>" : "";
        // the token is Spring Security's own (base64url), nothing a user typed: no escaping needed
        return """
                <!DOCTYPE html>
                <html lang="nl">
                <head><meta charset="utf-8"><title>Aanmelden - Bronsein (ontwikkeling)</title>
                <style>body{font-family:sans-serif;max-width:24rem;margin:4rem auto}label,input,button{display:block;\
                width:100%%;margin:.3rem 0}input{padding:.4rem}button{padding:.5rem;margin-top:1rem}</style></head>
                <body>
                <h1>Aanmelden</h1>
                <p>Ontwikkelomgeving van het Bronsein-netwerk: de gebruikers en wachtwoorden staan in de uitvoer van
                <code>./network</code>.</p>
                %s
                <form method="post" action="/login">
                <label for="username">Gebruikersnaam</label>
                <input id="username" name="username" autocomplete="username" autofocus required>
                <label for="password">Wachtwoord</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <input type="hidden" name="%s" value="%s">
                <button type="submit">Aanmelden</button>
                </form>
                </body>
                </html>
                """.formatted(message, csrf.getParameterName(), csrf.getToken());
    }
}
