package nl.bronsein.runtime.screen;

import org.springframework.web.bind.annotation.GetMapping;

/** The staff pages' start: the menu of what the signed-in staff member's roles open, and the page after signing out. */
@StaffScreen
class HomeScreen {

    @GetMapping({"/", "/app"})
    String root() {
        return "redirect:" + ScreenPaths.APP;
    }

    @GetMapping(ScreenPaths.APP)
    String home() {
        return "screen/home";
    }

    @GetMapping("/app/afgemeld")
    String signedOut() {
        return "screen/signed-out";
    }
}
