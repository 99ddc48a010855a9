package nl.bronsein.runtime.screen;

import org.springframework.web.bind.annotation.GetMapping;

/** The staff pages' start: the menu of what the signed-in staff member's roles open, and the page after signing out. */
@StaffScreen
class HomeScreen {

    /** Where a refused page or action is answered (403): what the role does not give, in the pages' own frame. */
    static final String NO_TASK = "/app/geen-toegang";

    @GetMapping({"/", "/app"})
    String root() {
        return "redirect:" + ScreenPaths.APP;
    }

    @GetMapping(ScreenPaths.APP)
    String home() {
        return "screen/home";
    }

    @org.springframework.web.bind.annotation.RequestMapping(NO_TASK)
    String noTask(jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_FORBIDDEN);
        return "screen/no-task";
    }

    @GetMapping("/app/afgemeld")
    String signedOut() {
        return "screen/signed-out";
    }
}
