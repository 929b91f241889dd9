// Conditional questions: without JavaScript every question shows with a note saying when to answer it;
// with it, a question shows only when the answer it depends on is chosen. The server ignores answers
// to questions whose condition is not met either way.
(function () {
  for (const form of document.querySelectorAll('[data-survey-form]')) {
    const dependents = form.querySelectorAll('[data-show-if-question]');
    if (dependents.length === 0) continue;
    const update = () => {
      for (const question of dependents) {
        const inputs = form.querySelectorAll('[name="' + question.dataset.showIfQuestion + '"]');
        const shown = Array.prototype.some.call(inputs, (input) => input.checked && input.value === question.dataset.showIfValue);
        question.hidden = !shown;
      }
    };
    form.addEventListener('change', update);
    update();
  }
})();
