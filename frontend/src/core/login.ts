// The login form shown when the app has `auth=` and the browser has no session yet.

import { h } from "./dom";

/** Draw the login form into `target`; a successful login reloads the page. */
export function showLogin(target: HTMLElement, root: string, message: string | null): void {
  const error = h("p", { class: "sb-login-error", role: "alert", hidden: true });
  const user = h("input", { id: "sb-login-username", name: "username", autocomplete: "username", required: true });
  const pass = h("input", { id: "sb-login-password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const form = h(
    "form",
    { class: "sb-login", "aria-labelledby": "sb-login-title" },
    h("h1", { id: "sb-login-title" }, "Login"),
    message ? h("p", { class: "sb-login-message" }, message) : null,
    h("label", { for: user.id }, "Username"),
    user,
    h("label", { for: pass.id }, "Password"),
    pass,
    error,
    h("button", { type: "submit", class: "sb-btn sb-btn-primary" }, "Login"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void (async () => {
      const body = new URLSearchParams({ username: user.value, password: pass.value });
      const response = await fetch(`${root}/login`, { method: "POST", body, credentials: "same-origin" });
      if (response.ok) {
        window.location.reload();
        return;
      }
      error.hidden = false;
      error.textContent = response.status === 400 ? "Incorrect username or password." : `Login failed (HTTP ${response.status}).`;
    })();
  });
  target.replaceChildren(h("main", { class: "sb-app sb-login-page" }, form));
  user.focus();
}
