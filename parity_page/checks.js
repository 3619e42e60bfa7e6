// The structural checks of parity_page/checks.py, run in the page (one function).
(limits) => {
  const problems = [];
  const shown = (el) => !!el && el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
  const name = (el) => {
    const label = el.currentProps && el.currentProps.label;
    return `${el.localName}${typeof label === "string" && label ? ` "${label}"` : ""} #${el.blockId}`;
  };
  const inClosed = (el) => !shown(el);
  for (const tabs of document.querySelectorAll("sb-tabs")) {
    if (inClosed(tabs)) continue;
    const tabItems = [...tabs.querySelectorAll("sb-tab")].filter((t) => t.closest("sb-tabs") === tabs && !t.hidden);
    const buttons = tabItems.map((t) => t.querySelector(":scope > [role=tab]")).filter(shown);
    const bar = tabs.querySelector("[role=tablist]");
    if (!bar) problems.push(`${name(tabs)}: no tab bar (tablist)`);
    if (buttons.length !== tabItems.length)
      problems.push(`${name(tabs)}: ${buttons.length} of ${tabItems.length} tabs have a button shown`);
    const tops = buttons.map((b) => b.getBoundingClientRect().top);
    if (tops.length && Math.max(...tops) - Math.min(...tops) > 4 && tabs.currentProps.overflow_behavior !== "wrap")
      problems.push(`${name(tabs)}: the tab buttons are not in one bar`);
    const panels = tabItems.map((t) => t.querySelector(":scope > [role=tabpanel]")).filter(shown);
    if (tabItems.length && panels.length !== 1)
      problems.push(`${name(tabs)}: ${panels.length} tab panels are shown, not one`);
    else if (panels.length && tops.some((top) => top >= panels[0].getBoundingClientRect().top))
      problems.push(`${name(tabs)}: a tab button is not above the panel it shows`);
  }
  for (const table of document.querySelectorAll("sb-dataframe")) {
    if (inClosed(table) || table.interactive) continue;
    const editing = [...table.querySelectorAll("button")].filter(shown)
      .map((b) => (b.getAttribute("aria-label") || b.textContent || "").trim())
      .filter((label) => limits.edit.some((e) => label.startsWith(e)));
    if (editing.length) problems.push(`${name(table)}: a table the user cannot edit shows ${editing.join(", ")}`);
    if (table.querySelector("[contenteditable=true], td input, td textarea"))
      problems.push(`${name(table)}: a table the user cannot edit has editable cells`);
    const styling = table.currentProps.value && table.currentProps.value.metadata && table.currentProps.value.metadata.styling;
    if (Array.isArray(styling)) {
      const wanted = styling.flat().filter((s) => typeof s === "string" && /background/.test(s)).length;
      const coloured = [...table.querySelectorAll("td")].filter((td) => {
        const colour = getComputedStyle(td).backgroundColor;
        return td.style.backgroundColor && colour !== "rgba(0, 0, 0, 0)";
      }).length;
      if (wanted && !coloured) problems.push(`${name(table)}: its styled cells are drawn without their colours`);
    }
  }
  for (const gallery of document.querySelectorAll("sb-gallery")) {
    if (inClosed(gallery) || gallery.currentProps.height != null) continue;
    const height = gallery.getBoundingClientRect().height;
    if (height > limits.gallery) problems.push(`${name(gallery)}: ${Math.round(height)} px tall (at most ${limits.gallery})`);
  }
  for (const el of document.querySelectorAll(".sb-element")) {
    const props = el.currentProps;
    if (!props || inClosed(el) || !("show_label" in props) || props.show_label === false) continue;
    const label = props.label;
    if (typeof label !== "string" || !label) {
      // Gradio's page gives these kinds a label of their own (`default_label` in the specs)
      if (el.constructor.defaultLabel) problems.push(`${el.localName} #${el.blockId}: no label`);
      continue;
    }
    const texts = [...el.querySelectorAll(".sb-label, legend, label, [data-testid=block-label]")]
      .filter((node) => node.closest(".sb-element") === el && shown(node))
      .map((node) => node.textContent.trim());
    if (!texts.some((t) => t.includes(label.trim())))
      problems.push(`${name(el)}: its label is not shown`);
  }
  return problems;
}
