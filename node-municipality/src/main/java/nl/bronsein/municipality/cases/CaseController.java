package nl.bronsein.municipality.cases;

import java.util.List;
import java.util.UUID;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.bronsein.runtime.web.NotFoundException;
import nl.bronsein.schemas.view.ContactPointView;

/** The municipality's case API, for its case system: list cases, pick one up. */
@RestController
@RequestMapping("/api/v1/cases")
public class CaseController {

    private final CaseService service;
    private final CaseRepository cases;

    public CaseController(CaseService service, CaseRepository cases) {
        this.service = service;
        this.cases = cases;
    }

    /** The wijkteam's function-level contact point: a team's desk, not a consultant's own mobile number. */
    public record WijkteamContactPoint(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 20) @Pattern(regexp = "^\\+?[0-9][0-9 -]{5,18}$", message = "must be a phone number") String phone,
            @Size(max = 200) @Email String email) {

        @AssertTrue(message = "a contact point needs a phone number or an e-mail address")
        public boolean isReachable() {
            return (phone != null && !phone.isBlank()) || (email != null && !email.isBlank());
        }
    }

    public record PickUp(@NotNull @Valid WijkteamContactPoint contactPoint) {
    }

    @GetMapping
    public List<Case> list() {
        return cases.findAll();
    }

    @GetMapping("/{id}")
    public Case get(@PathVariable UUID id) {
        return cases.find(id).orElseThrow(() -> new NotFoundException("no such case"));
    }

    @PostMapping("/{id}/pick-up")
    public Case pickUp(@PathVariable UUID id, @Validated @RequestBody PickUp request) {
        WijkteamContactPoint cp = request.contactPoint();
        return service.pickUp(id, new ContactPointView(cp.name(), cp.phone(), cp.email()));
    }
}
