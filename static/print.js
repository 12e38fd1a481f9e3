/* Buttons marked data-print open the browser's print dialog (printing pages only). */
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
