package nl.bronsein.runtime.web;

import java.io.IOException;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet error page: what answers when something below Spring MVC sends an error without a body — the actuator
 * refusing a parameter, a filter's {@code sendError}. Problem+json like every other refusal (Spring Boot's own error
 * controller answers {@code application/json}), written directly so that no {@code Accept} header can turn it into a
 * second error; the status only, never the exception's message, which may hold what the request sent.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        ProblemWriter.write(response, status, status >= 500 ? "the node could not handle the request"
                : "the request could not be handled");
    }
}
