// A "Copy" button for a read-only field: shown only where the browser can copy (the field
// itself can always be selected and copied by hand).
document.querySelectorAll("[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(`${button.dataset.copy}-status`);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = button.dataset.copied;
    } catch {
      field.select();
    }
  });
});
